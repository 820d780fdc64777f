"use client";

import { useActionState } from "react";
import type { SignInState } from "@/lib/auth/sign-in-state";

type SignIn = (previous: SignInState, form: FormData) => Promise<SignInState>;

/** The server action comes in as a prop so that components never import from app/. */
export function LoginForm({ from, signIn }: { from: string; signIn: SignIn }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, null);
  return (
    <form action={action} className="mt-6 space-y-4">
      <input type="hidden" name="from" value={from} />
      <label className="block text-sm font-medium">
        E-mail
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-slate-900 focus:outline-none"
        />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-slate-900 focus:outline-none"
        />
      </label>
      {state?.error ? (
        <p data-testid="sign-in-error" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
