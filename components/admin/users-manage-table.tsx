"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { SetPasswordLinkDTO, UserDTO } from "@/lib/users/types";
import type { RoleOption } from "./users-create-form";
import { UsersLinkNotice } from "./users-link-notice";
import { UsersManageRow } from "./users-manage-row";

export type UserActions = {
  changeRole: (input: { userId: string; role: string }) => Promise<ActionResult<{ changed: boolean }>>;
  deactivate: (input: { userId: string }) => Promise<ActionResult<{ changed: boolean }>>;
  reactivate: (input: { userId: string }) => Promise<ActionResult<{ changed: boolean }>>;
  issueLink: (input: { userId: string }) => Promise<ActionResult<SetPasswordLinkDTO>>;
};

type Props = { users: UserDTO[]; roles: RoleOption[]; currentUserId: string; actions: UserActions };

export type RowOutcome = { kind: "done"; message: string } | { kind: "error"; message: string } | { kind: "link"; email: string; link: SetPasswordLinkDTO };

export function UsersManageTable({ users, roles, currentUserId, actions }: Props) {
  const [outcome, setOutcome] = useState<RowOutcome | null>(null);
  return (
    <div className="space-y-3">
      {outcome?.kind === "link" ? <UsersLinkNotice email={outcome.email} link={outcome.link} onDismiss={() => setOutcome(null)} /> : null}
      {outcome?.kind === "done" ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="users-message">
          {outcome.message}
        </p>
      ) : null}
      {outcome?.kind === "error" ? (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="users-error">
          {outcome.message}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="users-table">
          <caption className="sr-only">Users, their roles and state</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2">User</th>
              <th className="px-4 py-2">Role</th>
              <th className="px-4 py-2">State</th>
              <th className="px-4 py-2">Last sign-in (UTC)</th>
              <th className="px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <UsersManageRow
                key={`${user.id}:${user.roleKey}`}
                user={user}
                roles={roles}
                isSelf={user.id === currentUserId}
                actions={actions}
                onOutcome={setOutcome}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
