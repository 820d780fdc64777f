import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ProviderPanel } from "@/components/admin/provider-panel";
import { UsersTable } from "@/components/admin/users-table";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { listProviderStatus } from "@/lib/sync/sync-status";
import { listUsers } from "@/lib/users/list-users";
import { listQuarantinedWebhooks } from "@/lib/webhooks/quarantine-list";
import { replayQuarantinedWebhookAction, syncProviderAction } from "./actions";

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
  const viewer = await requireViewer();
  // Either permission opens the page (the nav links it for either): each section checks its own.
  const manageUsers = can(viewer.permissions, "users:manage");
  const manageProviders = can(viewer.permissions, "providers:manage");
  if (!manageUsers && !manageProviders) forbidden();
  const db = await getDb();
  const users = manageUsers ? await listUsers({ db, viewer }) : null;
  const providers = manageProviders ? await listProviderStatus(db, viewer) : null;
  const quarantine = manageProviders ? await listQuarantinedWebhooks(db, viewer) : {};
  return (
    <div className="space-y-10">
      {users ? (
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
      ) : null}
      {providers ? (
        <section className="space-y-3">
          <div className="flex items-baseline justify-between">
            <h2 className="text-lg font-semibold">Providers</h2>
            <nav aria-label="Provider administration" className="flex gap-4 text-sm">
              <Link href="/admin/webhooks" className="underline">
                Outbound webhook deliveries
              </Link>
              <Link href="/admin/jobs" className="underline">
                Background jobs
              </Link>
            </nav>
          </div>
          <ProviderPanel
            initial={providers}
            origin={await publicOrigin()}
            syncNow={syncProviderAction}
            quarantine={quarantine}
            replay={replayQuarantinedWebhookAction}
          />
        </section>
      ) : null}
    </div>
  );
}
