"use client";

import { useState } from "react";
import { useServerAction } from "@/components/ui/use-action";
import { PERMISSION_LABELS, isPermission } from "@/lib/auth/permissions";
import type { RoleOverviewDTO } from "@/lib/roles/types";
import { RolesForm, type RoleFormValues } from "./roles-form";
import type { RoleActions } from "./roles-list";
import { RolesProviderWarnings } from "./roles-provider-warnings";

type Props = { role: RoleOverviewDTO; actions: RoleActions; onMessage: (message: string) => void };

export function RolesCard({ role, actions, onMessage }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const updater = useServerAction(actions.update);
  const remover = useServerAction(actions.remove);
  const permissions = role.permissions.filter(isPermission);

  const save = async (values: RoleFormValues) => {
    const result = await updater.run(values);
    if (!result) return;
    setEditing(false);
    onMessage(result.changed ? `Saved ${values.name}: its users get the new permissions on their next request.` : "Nothing changed.");
  };
  const remove = async () => {
    const result = await remover.run({ key: role.key });
    setConfirmingDelete(false);
    if (result) onMessage(`Deleted the role ${role.name}.`);
  };

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="role" data-role-key={role.key}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="font-semibold">{role.name}</h3>
        <code className="text-xs text-slate-500">{role.key}</code>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{role.builtIn ? "Built-in, read-only" : "Custom"}</span>
        <span className="text-sm text-slate-600">{role.userCount === 1 ? "1 user" : `${role.userCount} users`}</span>
        {!role.builtIn && !editing ? (
          <span className="ml-auto flex gap-2 text-sm">
            <button type="button" onClick={() => setEditing(true)} className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50">
              Edit<span className="sr-only"> {role.name}</span>
            </button>
            {confirmingDelete ? (
              <>
                <button
                  type="button"
                  disabled={remover.pending}
                  onClick={() => void remove()}
                  className="rounded-md bg-rose-700 px-3 py-1 text-white disabled:opacity-50"
                >
                  Confirm delete<span className="sr-only"> {role.name}</span>
                </button>
                <button type="button" onClick={() => setConfirmingDelete(false)} className="rounded-md border border-slate-300 px-3 py-1">
                  Cancel
                </button>
              </>
            ) : (
              <button
                type="button"
                onClick={() => (setConfirmingDelete(true), remover.clearError())}
                className="rounded-md border border-rose-300 px-3 py-1 text-rose-800 hover:bg-rose-50"
              >
                Delete<span className="sr-only"> {role.name}</span>
              </button>
            )}
          </span>
        ) : null}
      </div>
      {remover.error ? (
        <p role="alert" className="mt-2 text-sm text-rose-800">
          {remover.error.message}
        </p>
      ) : null}
      {editing ? (
        <div className="mt-3">
          <RolesForm
            mode="edit"
            initial={{ key: role.key, name: role.name, permissions }}
            pending={updater.pending}
            error={updater.error}
            onSubmit={save}
            onCancel={() => (setEditing(false), updater.clearError())}
          />
        </div>
      ) : (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label={`Permissions of ${role.name}`}>
          {permissions.map((permission) => (
            <li key={permission} title={PERMISSION_LABELS[permission]} className="rounded bg-slate-50 px-2 py-0.5 text-xs ring-1 ring-slate-200">
              <code>{permission}</code>
            </li>
          ))}
        </ul>
      )}
      <RolesProviderWarnings gaps={role.providerGaps} />
    </li>
  );
}
