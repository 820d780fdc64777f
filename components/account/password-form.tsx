"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { UsersFieldError } from "@/components/admin/users-field-error";
import { errorSummary, invalidProps } from "@/components/ui/field-errors";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/password-limits";
import type { ChangeOwnPasswordInput } from "@/lib/users/schemas";
import { formText } from "@/lib/forms/form-text";

type Props = { email: string; change: (input: ChangeOwnPasswordInput) => Promise<ActionResult<{ stillSignedIn: boolean }>> };

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-slate-900 focus:outline-none aria-[invalid=true]:border-rose-600";
const FIELD_LABELS = { currentPassword: "Current password", newPassword: "New password", confirmPassword: "Repeat the new password" };

export function PasswordForm({ email, change }: Props) {
  const { run, pending, error } = useServerAction(change);
  const [done, setDone] = useState<{ stillSignedIn: boolean } | null>(null);
  const fields = error?.fields ?? {};
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => formText(data, name);
    setDone(null);
    const result = await run({ currentPassword: text("currentPassword"), newPassword: text("newPassword"), confirmPassword: text("confirmPassword") });
    if (!result) return;
    form.reset();
    setDone(result);
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Change your password">
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="text-sm">
        <label htmlFor="account-currentPassword" className="block font-medium">
          Current password
        </label>
        <input
          id="account-currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          {...invalidProps("current-password-error", fields.currentPassword)}
          className={inputClass}
        />
        <UsersFieldError id="current-password-error" messages={fields.currentPassword} />
      </div>
      <div className="text-sm">
        <label htmlFor="account-newPassword" className="block font-medium">
          New password
        </label>
        <input
          id="account-newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          {...invalidProps("new-password-error", fields.newPassword, "new-password-hint")}
          className={inputClass}
        />
        <span id="new-password-hint" className="mt-1 block text-xs font-normal text-slate-500">
          At least {MIN_PASSWORD_LENGTH} characters
        </span>
        <UsersFieldError id="new-password-error" messages={fields.newPassword} />
      </div>
      <div className="text-sm">
        <label htmlFor="account-confirmPassword" className="block font-medium">
          Repeat the new password
        </label>
        <input
          id="account-confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          {...invalidProps("confirm-password-error", fields.confirmPassword)}
          className={inputClass}
        />
        <UsersFieldError id="confirm-password-error" messages={fields.confirmPassword} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
          {pending ? "Changing…" : "Change password"}
        </button>
        {error ? (
          <p role="alert" className="text-sm text-rose-800" data-testid="password-error">
            {errorSummary(error, FIELD_LABELS)}
          </p>
        ) : null}
        {/* On success the action redirects to /account?password=changed; this shows only when
            the fresh sign-in after the change failed (e.g. throttled). */}
        {done && !done.stillSignedIn ? (
          <p role="status" className="text-sm text-emerald-900" data-testid="password-changed">
            Your password is changed and your other sessions are signed out. Please{" "}
            <Link href="/login" className="underline">
              sign in again
            </Link>{" "}
            with the new password.
          </p>
        ) : null}
      </div>
    </form>
  );
}
