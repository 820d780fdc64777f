"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { UsersFieldError } from "@/components/admin/users-field-error";
import { invalidProps } from "@/components/ui/field-errors";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/password-limits";
import type { SetPasswordInput } from "@/lib/users/schemas";
import { formText } from "@/lib/forms/form-text";

type Props = { token: string; email: string; setPassword: (input: SetPasswordInput) => Promise<ActionResult<{ email: string }>> };

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-slate-900 focus:outline-none aria-[invalid=true]:border-rose-600";

export function SetPasswordForm({ token, email, setPassword }: Props) {
  const { run, pending, error } = useServerAction(setPassword);
  const [done, setDone] = useState(false);
  const fields = error?.fields ?? {};
  if (done) {
    return (
      <div role="status" className="mt-6 space-y-3 text-sm" data-testid="password-set">
        <p>Your password is set. Sign in with {email} and your new password.</p>
        <Link href="/login" className="inline-block rounded-md bg-slate-900 px-4 py-2 font-medium text-white">
          Sign in
        </Link>
      </div>
    );
  }
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const result = await run({ token, password: formText(data, "password"), confirmPassword: formText(data, "confirmPassword") });
    if (result) setDone(true);
  };
  return (
    <form onSubmit={submit} noValidate className="mt-6 space-y-4" aria-label="Set your password">
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="text-sm">
        <label htmlFor="set-password" className="block font-medium">
          New password
        </label>
        <input
          id="set-password"
          name="password"
          type="password"
          autoComplete="new-password"
          {...invalidProps("set-password-error", fields.password, "set-password-hint")}
          className={inputClass}
        />
        <span id="set-password-hint" className="mt-1 block text-xs font-normal text-slate-500">
          At least {MIN_PASSWORD_LENGTH} characters
        </span>
        <UsersFieldError id="set-password-error" messages={fields.password} />
      </div>
      <div className="text-sm">
        <label htmlFor="set-confirmPassword" className="block font-medium">
          Repeat the password
        </label>
        <input
          id="set-confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          {...invalidProps("set-confirm-error", fields.confirmPassword)}
          className={inputClass}
        />
        <UsersFieldError id="set-confirm-error" messages={fields.confirmPassword} />
      </div>
      {error && !fields.password && !fields.confirmPassword ? (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="set-password-error">
          {fields.token?.[0] ?? error.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
        {pending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
