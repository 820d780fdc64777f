"use client";

import { useState, type FormEvent } from "react";
import { errorSummary, invalidProps } from "@/components/ui/field-errors";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";
import type { AdminCreateUserInput } from "@/lib/users/schemas";
import type { CreatedUserDTO } from "@/lib/users/types";
import { UsersFieldError } from "./users-field-error";
import { UsersLinkNotice } from "./users-link-notice";
import { formText } from "@/lib/forms/form-text";

export type RoleOption = { key: string; name: string };

type Props = { roles: RoleOption[]; create: (input: AdminCreateUserInput) => Promise<ActionResult<CreatedUserDTO>> };

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-slate-900 focus:outline-none aria-[invalid=true]:border-rose-600";
const FIELD_LABELS = { name: "Name", email: "E-mail", role: "Role", password: "Initial password" };

export function UsersCreateForm({ roles, create }: Props) {
  const { run, pending, error } = useServerAction(create);
  const [method, setMethod] = useState<"link" | "password">("link");
  const [created, setCreated] = useState<CreatedUserDTO | null>(null);
  const fields = error?.fields ?? {};

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const common = { email: formText(data, "email"), name: formText(data, "name"), role: formText(data, "role") };
    const input: AdminCreateUserInput = method === "password" ? { ...common, method, password: formText(data, "password") } : { ...common, method };
    const result = await run(input);
    if (!result) return; // the entered values stay, next to the error
    setCreated(result);
    form.reset();
  };

  return (
    <div className="space-y-4">
      {created?.setPasswordLink ? <UsersLinkNotice email={created.email} link={created.setPasswordLink} onDismiss={() => setCreated(null)} /> : null}
      {created && !created.setPasswordLink ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Created {created.email}. They can sign in with the password you set.
        </p>
      ) : null}
      <form onSubmit={onSubmit} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2" aria-label="New user" noValidate>
        <div className="text-sm">
          <label htmlFor="new-user-name" className="block font-medium">
            Name
          </label>
          <input id="new-user-name" name="name" required autoComplete="off" {...invalidProps("new-user-name-error", fields.name)} className={inputClass} />
          <UsersFieldError id="new-user-name-error" messages={fields.name} />
        </div>
        <div className="text-sm">
          <label htmlFor="new-user-email" className="block font-medium">
            E-mail
          </label>
          <input
            id="new-user-email"
            name="email"
            type="email"
            required
            autoComplete="off"
            {...invalidProps("new-user-email-error", fields.email)}
            className={inputClass}
          />
          <UsersFieldError id="new-user-email-error" messages={fields.email} />
        </div>
        <div className="text-sm">
          <label htmlFor="new-user-role" className="block font-medium">
            Role
          </label>
          <select id="new-user-role" name="role" required defaultValue="reviewer" {...invalidProps("new-user-role-error", fields.role)} className={inputClass}>
            {roles.map((role) => (
              <option key={role.key} value={role.key}>
                {role.name}
              </option>
            ))}
          </select>
          <UsersFieldError id="new-user-role-error" messages={fields.role} />
        </div>
        <fieldset className="text-sm">
          <legend className="font-medium">First password</legend>
          <label className="mt-2 flex items-center gap-2">
            <input type="radio" name="method" value="link" checked={method === "link"} onChange={() => setMethod("link")} />
            The user chooses it with a one-time link (valid 24 hours)
          </label>
          <label className="mt-1 flex items-center gap-2">
            <input type="radio" name="method" value="password" checked={method === "password"} onChange={() => setMethod("password")} />I set an initial password
          </label>
        </fieldset>
        {method === "password" ? (
          <div className="text-sm sm:col-span-2">
            <label htmlFor="new-user-password" className="block font-medium">
              Initial password
            </label>
            <input
              id="new-user-password"
              name="password"
              type="password"
              autoComplete="new-password"
              {...invalidProps("new-user-password-error", fields.password)}
              className={inputClass}
            />
            <UsersFieldError id="new-user-password-error" messages={fields.password} />
          </div>
        ) : null}
        <div className="flex items-center gap-3 sm:col-span-2">
          <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
            {pending ? "Creating…" : "Create user"}
          </button>
          {error ? (
            <p role="alert" className="text-sm text-rose-800" data-testid="create-user-error">
              {errorSummary(error, FIELD_LABELS)}
            </p>
          ) : null}
        </div>
      </form>
    </div>
  );
}
