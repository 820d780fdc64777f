"use client";

import { useState, type FormEvent } from "react";
import { PERMISSION_LABELS, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { errorSummary, invalidProps } from "@/components/ui/field-errors";
import type { ActionError } from "@/components/ui/use-action";
import { UsersFieldError } from "./users-field-error";
import { formText } from "@/lib/forms/form-text";

export type RoleFormValues = { key: string; name: string; permissions: Permission[] };

type Props = {
  mode: "create" | "edit";
  initial: RoleFormValues;
  pending: boolean;
  error: ActionError | null;
  onSubmit: (values: RoleFormValues) => void;
  onCancel?: () => void;
};

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-slate-900 focus:outline-none aria-[invalid=true]:border-rose-600";
const FIELD_LABELS = { key: "Key", name: "Name", permissions: "Permissions", "permissions.0": "Permissions" };

/** Key (only when creating), name, and permissions ticked from the one permission table. */
export function RolesForm({ mode, initial, pending, error, onSubmit, onCancel }: Props) {
  const [granted, setGranted] = useState<Permission[]>(initial.permissions);
  const fields = error?.fields ?? {};
  const idPrefix = `role-${mode}-${initial.key || "new"}`;
  const toggle = (permission: Permission, on: boolean) => setGranted((current) => PERMISSIONS.filter((p) => (p === permission ? on : current.includes(p))));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onSubmit({ key: mode === "create" ? formText(data, "key") : initial.key, name: formText(data, "name"), permissions: granted });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={mode === "create" ? "New role" : `Edit role ${initial.name}`} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {mode === "create" ? (
          <div className="text-sm">
            <label htmlFor={`${idPrefix}-key`} className="block font-medium">
              Key
            </label>
            <input
              id={`${idPrefix}-key`}
              name="key"
              defaultValue={initial.key}
              required
              pattern="[a-z][a-z0-9_]{1,40}"
              {...invalidProps(`${idPrefix}-key-error`, fields.key, `${idPrefix}-key-hint`)}
              className={`${inputClass} font-mono`}
            />
            <span id={`${idPrefix}-key-hint`} className="mt-1 block text-xs font-normal text-slate-500">
              e.g. senior_reviewer: lower-case letters, digits and _; cannot be changed later
            </span>
            <UsersFieldError id={`${idPrefix}-key-error`} messages={fields.key} />
          </div>
        ) : null}
        <div className="text-sm">
          <label htmlFor={`${idPrefix}-name`} className="block font-medium">
            Name
          </label>
          <input
            id={`${idPrefix}-name`}
            name="name"
            defaultValue={initial.name}
            required
            {...invalidProps(`${idPrefix}-name-error`, fields.name)}
            className={inputClass}
          />
          <UsersFieldError id={`${idPrefix}-name-error`} messages={fields.name} />
        </div>
      </div>
      <fieldset aria-describedby={`${idPrefix}-permissions-error`}>
        <legend className="text-sm font-medium">Permissions</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {PERMISSIONS.map((permission) => (
            <label key={permission} className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-1" checked={granted.includes(permission)} onChange={(e) => toggle(permission, e.target.checked)} />
              <span>
                <code className="text-xs">{permission}</code>
                <span className="block text-slate-600">{PERMISSION_LABELS[permission]}</span>
              </span>
            </label>
          ))}
        </div>
        <UsersFieldError id={`${idPrefix}-permissions-error`} messages={fields.permissions ?? fields["permissions.0"]} />
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
          {pending ? "Saving…" : mode === "create" ? "Create role" : "Save role"}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm">
            Cancel
          </button>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-rose-800" data-testid="role-form-error">
            {errorSummary(error, FIELD_LABELS)}
          </p>
        ) : null}
      </div>
    </form>
  );
}
