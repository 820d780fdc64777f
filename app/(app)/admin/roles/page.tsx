import type { Metadata } from "next";
import Link from "next/link";
import { RolesList } from "@/components/admin/roles-list";
import { RolesProviderKeys } from "@/components/admin/roles-provider-keys";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { loadRolesOverview } from "@/lib/roles/roles-overview";
import { createRoleAction, deleteRoleAction, updateRoleAction } from "./actions";

export const metadata: Metadata = { title: "Roles" };
export const dynamic = "force-dynamic";

export default async function AdminRolesPage() {
  const viewer = await requirePermission("users:manage");
  const overview = await loadRolesOverview(await getDb(), viewer);
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <Link href="/admin" className="text-sm text-slate-600 hover:text-slate-900">
          ← Admin
        </Link>
        <h1 className="text-2xl font-semibold">Roles and permissions</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Built-in roles follow Verdict’s permission table and cannot be edited. Custom roles combine permissions from the same table; changes apply to their users
          on the next request. Where a role grants something a provider’s API key may not do, users with that role are refused at that provider.
        </p>
      </div>
      <RolesList roles={overview.roles} actions={{ create: createRoleAction, update: updateRoleAction, remove: deleteRoleAction }} />
      <section className="space-y-3" aria-labelledby="provider-keys-heading">
        <h2 id="provider-keys-heading" className="text-lg font-semibold">
          What each provider’s API key allows
        </h2>
        <RolesProviderKeys providers={overview.providers} />
      </section>
    </div>
  );
}
