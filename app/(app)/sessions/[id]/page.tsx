import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CaseShortcuts } from "@/components/case/case-shortcuts";
import { ChecksList } from "@/components/case/checks-list";
import { CaseChangedBanner } from "@/components/live/case-changed-banner";
import { ClaimPanel } from "@/components/case/claim-panel";
import { CommentForm } from "@/components/case/comment-form";
import { DecisionForm } from "@/components/case/decision-form";
import { DocumentCard } from "@/components/case/document-card";
import { LeadActions } from "@/components/case/lead-actions";
import { Timeline } from "@/components/case/timeline";
import { StatusBadge } from "@/components/ui/status-badge";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getCase } from "@/lib/review/get-case";
import { queueNeighbors } from "@/lib/review/queue-neighbors";
import { nextCaseAction } from "../../queue/actions";
import { assignAction, claimAction, commentAction, decideAction, expireAction, redactAction, releaseAction } from "./actions";

export const metadata: Metadata = { title: "Case" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ prev?: string | string[]; next?: string | string[] }> };

/** The case j or k came from (?prev= / ?next=): going back returns there, whatever the queue did since. */
const cameFrom = (value: string | string[] | undefined) => (typeof value === "string" && UUID.test(value) ? value.toLowerCase() : null);

export default async function CasePage({ params, searchParams }: Props) {
  const viewer = await requirePermission("sessions:read");
  const { id } = await params;
  const from = await searchParams;
  if (!UUID.test(id)) notFound();
  const db = await getDb();
  const [found, around] = await Promise.all([
    getCase({ db, viewer }, { sessionId: id }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") return null;
      throw error;
    }),
    queueNeighbors({ db, viewer }, { sessionId: id }),
  ]);
  if (!found) notFound();
  const kase = found;
  const neighbors = { previous: cameFrom(from.prev) ?? around.previous, next: cameFrom(from.next) ?? around.next };

  return (
    <div className="space-y-6" data-testid="case-view" data-version={kase.version}>
      <CaseChangedBanner sessionId={kase.id} viewerId={viewer.id} />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/queue" className="underline">
              Queue
            </Link>{" "}
            · {kase.providerName} · <span className="font-mono">{kase.providerSessionId}</span>
          </p>
          <h1 className="mt-1 text-2xl font-semibold">
            <bdi>{kase.displayName ?? (kase.redacted ? "Redacted applicant" : "Unnamed applicant")}</bdi>
          </h1>
          <p className="mt-1 flex items-center gap-2 text-sm">
            <StatusBadge status={kase.status} /> <span className="font-mono text-xs text-slate-600">{kase.rawStatus}</span>
            {kase.redacted ? <span className="rounded bg-slate-200 px-1.5 text-xs">Redacted</span> : null}
            {!kase.showPii && !kase.redacted ? <span className="rounded bg-slate-100 px-1.5 text-xs">Personal data masked</span> : null}
          </p>
        </div>
        <div className="flex flex-col items-end gap-3">
          <ClaimPanel
            sessionId={kase.id}
            viewerId={viewer.id}
            claim={kase.claim}
            can={kase.can}
            assignees={kase.assignees}
            claimCase={claimAction}
            release={releaseAction}
            assign={assignAction}
          />
          <CaseShortcuts sessionId={kase.id} neighbors={neighbors} canDecide={kase.can.nextCase} nextCase={nextCaseAction} />
        </div>
      </header>

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <section className="space-y-3">
            <h2 className="text-lg font-semibold">Applicant and documents</h2>
            <p className="text-xs text-slate-500">Names compared with the {kase.nameMode} rule.</p>
            {kase.documents.length ? (
              kase.documents.map((doc) => <DocumentCard key={doc.id} document={doc} />)
            ) : (
              <p className="text-sm text-slate-500">No document was read yet.</p>
            )}
          </section>
          <section className="space-y-3">
            <h2 className="text-lg font-semibold">Checks and risk signals</h2>
            <ChecksList checks={kase.checks} />
          </section>
        </div>
        <aside className="space-y-6">
          {kase.can.decide ? (
            <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">Decision</h2>
              <DecisionForm
                sessionId={kase.id}
                version={kase.version}
                providerName={kase.providerName}
                routes={kase.can.actions}
                reasons={kase.reasons}
                decide={decideAction}
                nextCase={nextCaseAction}
              />
            </section>
          ) : null}
          <LeadActions
            sessionId={kase.id}
            version={kase.version}
            providerName={kase.providerName}
            canExpire={kase.can.expire}
            canRedact={kase.can.redact}
            expireAtProvider={kase.can.expireAtProvider}
            redactAtProvider={kase.can.redactAtProvider}
            expire={expireAction}
            redact={redactAction}
          />
          <section className="space-y-3">
            <h2 className="font-semibold">Timeline</h2>
            {kase.can.comment ? <CommentForm sessionId={kase.id} addComment={commentAction} /> : null}
            <Timeline entries={kase.timeline} />
          </section>
        </aside>
      </div>
    </div>
  );
}
