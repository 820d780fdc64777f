import type { ReactNode } from "react";
import type { SessionFactsDTO } from "@/lib/audit/evidence-types";
import { providerName } from "@/lib/sessions/provider-names";
import { utcTime } from "./format";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="break-inside-avoid">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

export function SessionFacts({ session }: { session: SessionFactsDTO }) {
  const applicant = session.redactedAt ? <span className="text-slate-500">Redacted</span> : <bdi>{session.applicantName ?? "—"}</bdi>;
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-3" data-testid="session-facts">
      <Fact label="Provider">{providerName(session.provider)}</Fact>
      <Fact label="Provider session ID">
        <code className="break-all">{session.providerSessionId}</code>
      </Fact>
      <Fact label="Verdict session ID">
        <code className="break-all">{session.id}</code>
      </Fact>
      <Fact label="Applicant">{applicant}</Fact>
      <Fact label="Status">{session.status}</Fact>
      <Fact label="Provider’s raw status">
        <code>{session.rawStatus}</code>
      </Fact>
      <Fact label="Created at the provider">{utcTime(session.providerCreatedAt)}</Fact>
      <Fact label="Last changed at the provider">{utcTime(session.providerUpdatedAt)}</Fact>
      <Fact label="Last synced">{utcTime(session.lastSyncedAt)}</Fact>
      <Fact label="First seen by Verdict">{utcTime(session.createdAt)}</Fact>
      <Fact label="Redacted">{utcTime(session.redactedAt)}</Fact>
      <Fact label="Held by">{session.assignee ?? "—"}</Fact>
      <Fact label="Version">{session.version}</Fact>
    </dl>
  );
}
