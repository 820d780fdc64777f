"use client";

import { useState } from "react";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";
import type { RoleOverviewDTO } from "@/lib/roles/types";
import { RolesCard } from "./roles-card";
import { RolesForm, type RoleFormValues } from "./roles-form";

export type RoleActions = {
  create: (input: RoleFormValues) => Promise<ActionResult<{ key: string }>>;
  update: (input: RoleFormValues) => Promise<ActionResult<{ key: string; changed: boolean }>>;
  remove: (input: { key: string }) => Promise<ActionResult<{ key: string }>>;
};

const EMPTY: RoleFormValues = { key: "", name: "", permissions: ["sessions:read"] };

export function RolesList({ roles, actions }: { roles: RoleOverviewDTO[]; actions: RoleActions }) {
  const creator = useServerAction(actions.create);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const create = async (values: RoleFormValues) => {
    const created = await creator.run(values);
    if (!created) return;
    setCreating(false);
    setMessage(`Created the role ${values.name}. Assign it to users under Users.`);
  };
  return (
    <section className="space-y-4" aria-labelledby="roles-heading">
      <div className="flex items-baseline justify-between">
        <h2 id="roles-heading" className="text-lg font-semibold">
          Roles
        </h2>
        {creating ? null : (
          <button type="button" onClick={() => (setCreating(true), setMessage(null))} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
            New role
          </button>
        )}
      </div>
      {message ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="roles-message">
          {message}
        </p>
      ) : null}
      {creating ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <RolesForm
            mode="create"
            initial={EMPTY}
            pending={creator.pending}
            error={creator.error}
            onSubmit={create}
            onCancel={() => (setCreating(false), creator.clearError())}
          />
        </div>
      ) : null}
      <ul className="space-y-3" data-testid="roles-list">
        {roles.map((role) => (
          <RolesCard key={role.key} role={role} actions={actions} onMessage={setMessage} />
        ))}
      </ul>
    </section>
  );
}
