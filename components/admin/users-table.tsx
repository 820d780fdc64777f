import type { UserDTO } from "@/lib/users/types";
import { UsersState } from "./users-state";

/** Read-only overview for the admin landing page; changes happen at /admin/users. */
export function UsersTable({ users }: { users: UserDTO[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="users-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2">Name</th>
            <th className="px-4 py-2">E-mail</th>
            <th className="px-4 py-2">Role</th>
            <th className="px-4 py-2">State</th>
            <th className="px-4 py-2">Last sign-in (UTC)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((user) => (
            <tr key={user.id}>
              <td className="px-4 py-2 font-medium">{user.name}</td>
              <td className="px-4 py-2">{user.email}</td>
              <td className="px-4 py-2">{user.roleName}</td>
              <td className="px-4 py-2">
                <UsersState user={user} />
              </td>
              <td className="px-4 py-2 text-slate-600">{user.lastSignInAt?.replace("T", " ").slice(0, 16) ?? "never"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
