"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { UserDTO } from "@/lib/users/types";
import type { RoleOption } from "./users-create-form";
import type { RowOutcome, UserActions } from "./users-manage-table";
import { UsersState } from "./users-state";

type Props = { user: UserDTO; roles: RoleOption[]; isSelf: boolean; actions: UserActions; onOutcome: (outcome: RowOutcome) => void };

const button = "whitespace-nowrap rounded-md border px-3 py-1 disabled:opacity-50";

export function UsersManageRow({ user, roles, isSelf, actions, onOutcome }: Props) {
  const [role, setRole] = useState(user.roleKey);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  const act = <T,>(call: () => Promise<ActionResult<T>>, onDone: (data: T) => RowOutcome) =>
    startTransition(async () => {
      try {
        const result = await call();
        onOutcome(result.ok ? onDone(result.data) : { kind: "error", message: result.error.message });
        if (!result.ok) setRole(user.roleKey);
      } catch {
        onOutcome({ kind: "error", message: "Verdict could not be reached. Check your connection and try again." });
      }
      setConfirming(false);
    });

  const roleName = roles.find((r) => r.key === role)?.name ?? role;
  return (
    <tr data-testid="user-row" data-email={user.email}>
      <td className="px-4 py-2">
        <span className="font-medium">{user.name}</span>
        {isSelf ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
        <span className="block text-slate-600">{user.email}</span>
      </td>
      <td className="px-4 py-2">
        <div className="flex items-center gap-2">
          <select
            value={role}
            onChange={(e) => setRole(e.target.value)}
            aria-label={`Role of ${user.email}`}
            disabled={pending}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            {roles.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name}
              </option>
            ))}
          </select>
          {role !== user.roleKey ? (
            <button
              type="button"
              disabled={pending}
              onClick={() =>
                act(
                  () => actions.changeRole({ userId: user.id, role }),
                  () => ({ kind: "done", message: `${user.email} is now ${roleName}. It applies on their next request.` }),
                )
              }
              className={`${button} border-slate-900 bg-slate-900 text-white`}
            >
              Save role<span className="sr-only"> of {user.email}</span>
            </button>
          ) : null}
        </div>
      </td>
      <td className="px-4 py-2">
        <UsersState user={user} />
      </td>
      <td className="px-4 py-2 text-slate-600">{user.lastSignInAt?.replace("T", " ").slice(0, 16) ?? "never"}</td>
      <td className="px-4 py-2">
        <div className="flex flex-wrap justify-end gap-2">
          {user.active ? (
            <button
              type="button"
              disabled={pending}
              onClick={() =>
                act(
                  () => actions.issueLink({ userId: user.id }),
                  (link) => ({ kind: "link", email: user.email, link }),
                )
              }
              className={`${button} border-slate-300 hover:bg-slate-50`}
            >
              New set-password link<span className="sr-only"> for {user.email}</span>
            </button>
          ) : null}
          {!user.active ? (
            <button
              type="button"
              disabled={pending}
              onClick={() =>
                act(
                  () => actions.reactivate({ userId: user.id }),
                  () => ({ kind: "done", message: `${user.email} is active again and can sign in.` }),
                )
              }
              className={`${button} border-slate-300 hover:bg-slate-50`}
            >
              Reactivate<span className="sr-only"> {user.email}</span>
            </button>
          ) : isSelf ? null : confirming ? (
            <span className="flex items-center gap-2">
              <button
                type="button"
                disabled={pending}
                onClick={() =>
                  act(
                    () => actions.deactivate({ userId: user.id }),
                    () => ({ kind: "done", message: `${user.email} is deactivated and signed out.` }),
                  )
                }
                className={`${button} border-rose-700 bg-rose-700 text-white`}
              >
                Confirm deactivation<span className="sr-only"> of {user.email}</span>
              </button>
              <button type="button" onClick={() => setConfirming(false)} className={`${button} border-slate-300`}>
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" disabled={pending} onClick={() => setConfirming(true)} className={`${button} border-rose-300 text-rose-800 hover:bg-rose-50`}>
              Deactivate<span className="sr-only"> {user.email}</span>
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
