import type { Metadata } from "next";
import Link from "next/link";
import { UsersCreateForm } from "@/components/admin/users-create-form";
import { UsersManageTable } from "@/components/admin/users-manage-table";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { listRoles } from "@/lib/roles/list-roles";
import { listUsers } from "@/lib/users/list-users";
import { changeUserRoleAction, createUserAction, deactivateUserAction, issueSetPasswordLinkAction, reactivateUserAction } from "./actions";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function AdminUsersPage() {
  const viewer = await requirePermission("users:manage");
  const db = await getDb();
  const [users, roles] = await Promise.all([listUsers({ db, viewer }), listRoles(db, viewer)]);
  const roleOptions = roles.map(({ key, name }) => ({ key, name }));
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <Link href="/admin" className="text-sm text-slate-600 hover:text-slate-900">
          ← Admin
        </Link>
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Role changes and deactivations apply on the user’s next request; a deactivated user is signed out. The last active admin cannot be demoted or deactivated.
          What each role may do is set under{" "}
          <Link href="/admin/roles" className="underline">
            Roles
          </Link>
          .
        </p>
      </div>
      <section className="space-y-3" aria-labelledby="new-user-heading">
        <h2 id="new-user-heading" className="text-lg font-semibold">
          New user
        </h2>
        <UsersCreateForm roles={roleOptions} create={createUserAction} />
      </section>
      <section className="space-y-3" aria-labelledby="all-users-heading">
        <h2 id="all-users-heading" className="text-lg font-semibold">
          All users
        </h2>
        <UsersManageTable
          users={users}
          roles={roleOptions}
          currentUserId={viewer.id}
          actions={{ changeRole: changeUserRoleAction, deactivate: deactivateUserAction, reactivate: reactivateUserAction, issueLink: issueSetPasswordLinkAction }}
        />
      </section>
    </div>
  );
}
