import type { Metadata } from "next";
import Link from "next/link";
import { OutboundDeliveriesTable } from "@/components/admin/outbound-deliveries-table";
import { OutboundSummary } from "@/components/admin/outbound-summary";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { outboundTarget } from "@/lib/outbound/config";
import { loadOutboundOverview } from "@/lib/outbound/overview";
import { retryOutboundDeliveryAction } from "./actions";

export const metadata: Metadata = { title: "Outbound webhook" };
export const dynamic = "force-dynamic";

export default async function OutboundWebhooksPage() {
  await requirePermission("providers:manage");
  const overview = await loadOutboundOverview(await getDb(), outboundTarget());
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/admin" className="text-sm text-slate-600 hover:text-slate-900">
          ← Admin
        </Link>
        <h1 className="text-2xl font-semibold">Outbound webhook</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Verdict announces every confirmed or recorded decision, expiry and redaction to your own system, signed per Standard Webhooks. For providers without a
          decision API (iDenfy, Bynn) this is how your system learns the decision.
        </p>
      </div>
      <OutboundSummary target={overview.target} counts={overview.counts} />
      <OutboundDeliveriesTable deliveries={overview.deliveries} retry={retryOutboundDeliveryAction} />
    </div>
  );
}
