import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { DecisionTable } from "@/components/audit/decision-table";
import { EvidenceTimeline } from "@/components/audit/evidence-timeline";
import { utcTime } from "@/components/audit/format";
import { PrintButton } from "@/components/audit/print-button";
import { SessionFacts } from "@/components/audit/session-facts";
import { getSessionEvidence } from "@/lib/audit/evidence";
import { isUuid } from "@/lib/audit/filter-params";
import { auditLogHref } from "@/lib/audit/log-filters";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import "../../print.css";
import { providerName } from "@/lib/sessions/provider-names";

export const metadata: Metadata = { title: "Session evidence" };
export const dynamic = "force-dynamic";

export default async function SessionEvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("audit:read");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const evidence = await getSessionEvidence(await getDb(), viewer, id.toLowerCase()).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!evidence) notFound();
  const { session } = evidence;
  return (
    <article className="space-y-8" data-evidence-page data-testid="evidence-page">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500 print:hidden">
            <Link href="/audit/decisions" className="underline">
              Decision history
            </Link>{" "}
            ·{" "}
            <Link href={auditLogHref({ target: session.id })} className="underline">
              Audit log for this session
            </Link>
          </p>
          <h1 className="mt-1 text-2xl font-semibold">Session evidence</h1>
          <p className="text-sm text-slate-600">
            {providerName(session.provider)} session <code>{session.providerSessionId}</code>
          </p>
          <p className="mt-1 text-xs text-slate-500">
            Prepared {utcTime(evidence.generatedAt)} for {viewer.name} ({viewer.email}) from Verdict’s records.
            {evidence.showsPersonalData ? "" : " Personal data masked."}
          </p>
        </div>
        <PrintButton />
      </div>

      <section className="space-y-3" aria-labelledby="facts-heading">
        <h2 id="facts-heading" className="text-lg font-semibold">
          Session
        </h2>
        <SessionFacts session={session} />
      </section>

      <section className="space-y-3" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading" className="text-lg font-semibold">
          Decisions ({evidence.decisions.length})
        </h2>
        <DecisionTable items={evidence.decisions} showSession={false} empty="No decision was taken on this session." />
      </section>

      <section className="space-y-3" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Timeline
        </h2>
        <EvidenceTimeline entries={evidence.timeline} />
      </section>

      <section className="space-y-3" aria-labelledby="audit-heading">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit rows about this session ({evidence.auditRows.length}
          {evidence.auditRowsTruncated ? "+" : ""})
        </h2>
        {evidence.auditRowsTruncated ? (
          <p className="text-sm text-amber-800">
            Only the first {evidence.auditRows.length} are shown; the{" "}
            <Link href={auditLogHref({ target: session.id })} className="underline">
              audit log
            </Link>{" "}
            has them all.
          </p>
        ) : null}
        <AuditLogTable rows={evidence.auditRows} empty="No audit rows name this session." />
      </section>
    </article>
  );
}
