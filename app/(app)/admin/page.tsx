import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { ProviderPanel } from "@/components/admin/provider-panel";
import { UsersTable } from "@/components/admin/users-table";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { listProviderStatus } from "@/lib/sync/sync-status";
import { listUsers } from "@/lib/users/list-users";
import { syncProviderAction } from "./actions";

export const metadata: Metadata = { title: "Admin" };
export const dynamic = "force-dynamic";

/** Where providers should send webhooks: PUBLIC_URL when set, else the address this page was reached at. */
async function publicOrigin(): Promise<string> {
  const configured = getEnv().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
}

export default async function AdminPage() {
  const viewer = await requirePermission("users:manage");
  const db = await getDb();
  const users = await listUsers(db, viewer);
  const providers = can(viewer.permissions, "providers:manage") ? await listProviderStatus(db, viewer) : null;
  return (
    <div className="space-y-10">
      <section className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h1 className="text-2xl font-semibold">Users</h1>
          <nav aria-label="User administration" className="flex gap-4 text-sm">
            <Link href="/admin/users" className="underline">
              Manage users
            </Link>
            <Link href="/admin/roles" className="underline">
              Roles and permissions
            </Link>
          </nav>
        </div>
        <UsersTable users={users} />
      </section>
      {providers ? (
        <section className="space-y-3">
          <div className="flex items-baseline justify-between">
            <h2 className="text-lg font-semibold">Providers</h2>
            <Link href="/admin/webhooks" className="text-sm underline">
              Outbound webhook deliveries
            </Link>
          </div>
          <ProviderPanel initial={providers} origin={await publicOrigin()} syncNow={syncProviderAction} />
        </section>
      ) : null}
    </div>
  );
}
