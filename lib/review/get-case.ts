import "server-only";
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { sessionChecks, sessionDocuments, sessionEvents, users, verificationSessions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/append";
import { can } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import type { ApplicantData } from "@/lib/providers/types";
import { maskCase } from "@/lib/sessions/mask";
import { providerName } from "@/lib/sessions/provider-names";
import { documentDTO } from "./case-documents";
import { caseOffers } from "./case-offers";
import type { CaseDTO } from "./case-types";
import { checkLabel, explainCode } from "./code-explanations";
import { getReasonCatalogue } from "./reasons";
import { describeEvent } from "./timeline";
import { foldClaimRows } from "./timeline-groups";
import type { ServiceContext } from "./service-context";
import { sessionAbilities } from "./session-abilities";

const holder = alias(users, "holder");

const APPLICANT_LABELS: [keyof ApplicantData, string][] = [
  ["fullName", "Full name"],
  ["firstName", "First name"],
  ["lastName", "Last name"],
  ["dateOfBirth", "Date of birth"],
  ["nationality", "Nationality"],
  ["documentNumber", "Document number"],
  ["address", "Address"],
  ["email", "E-mail"],
  ["phone", "Phone"],
  ["reference", "Reference"],
];

/**
 * The case view's data. Opening a case with unmasked personal data is itself audited: the
 * audit trail records who looked at whose data, not only who changed it. The case is built
 * whole and masked in one step at the end (lib/sessions/mask.ts) for viewers who may not see it.
 */
export async function getCase(ctx: ServiceContext, { sessionId }: { sessionId: string }): Promise<CaseDTO> {
  const { db, viewer, now = new Date() } = ctx;
  if (!can(viewer.permissions, "sessions:read")) throw new AppError("FORBIDDEN", "You may not open cases.");
  // Names come joined to the rows that mention them: no separate read of users per case.
  const [found] = await db
    .select({ session: verificationSessions, holderName: holder.name })
    .from(verificationSessions)
    .leftJoin(holder, eq(holder.id, verificationSessions.assigneeId))
    .where(eq(verificationSessions.id, sessionId));
  if (!found) throw new AppError("NOT_FOUND", "That session does not exist.");
  const { session, holderName } = found;
  const showPii = can(viewer.permissions, "sessions:read_pii") && !session.redactedAt;
  const [documents, checks, events] = await Promise.all([
    db.select().from(sessionDocuments).where(eq(sessionDocuments.sessionId, sessionId)),
    db.select().from(sessionChecks).where(eq(sessionChecks.sessionId, sessionId)),
    db
      .select({ event: sessionEvents, actorName: users.name })
      .from(sessionEvents)
      .leftJoin(users, eq(users.id, sessionEvents.actorId))
      .where(eq(sessionEvents.sessionId, sessionId))
      .orderBy(asc(sessionEvents.at), asc(sessionEvents.id)),
  ]);
  const adapter = (ctx.resolveAdapter ?? getProviderAdapter)(session.provider);
  const abilities = sessionAbilities(viewer, session, adapter, now);
  const applicant = session.applicant as ApplicantData;
  const nameMode = getEnv().NAME_MATCH_MODE;

  const documentDTOs = documents.map((doc) => documentDTO(doc, { sessionId: session.id, applicant, nameMode, now }));
  const timeline = foldClaimRows(
    events.map(({ event: e, actorName }) => ({
      id: e.id,
      at: e.at.toISOString(),
      type: e.type,
      actor: actorName,
      ...describeEvent(e.type, e.detail),
      ...(e.type === "claim" && typeof e.detail.action === "string" ? { claimAction: e.detail.action } : {}),
    })),
  );

  if (showPii) {
    await recordAudit(db, { actor: { id: viewer.id, label: viewer.email }, action: "session.view", targetType: "session", targetId: session.id });
  }
  const assignees = can(viewer.permissions, "sessions:assign")
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name))
    : [];
  const kase: CaseDTO = {
    id: session.id,
    provider: session.provider,
    providerName: providerName(session.provider),
    providerSessionId: session.providerSessionId,
    displayName: session.applicantName,
    status: session.status,
    rawStatus: session.rawStatus,
    version: session.version,
    createdAt: session.providerCreatedAt?.toISOString() ?? null,
    redacted: Boolean(session.redactedAt),
    showPii,
    applicant: APPLICANT_LABELS.filter(([key]) => applicant[key]).map(([key, label]) => ({ field: key, label, value: applicant[key] ?? null })),
    documents: documentDTOs,
    checks: checks.map((c) => ({
      id: c.id,
      kind: c.kind,
      label: checkLabel(session.provider, c),
      result: c.result,
      score: c.score,
      codes: c.codes.map((code) => ({ code, explanation: explainCode(code, session.provider) })),
    })),
    timeline,
    claim: abilities.claimHeld
      ? { holderName: holderName ?? "Someone", expiresAt: session.claimExpiresAt!.toISOString(), mine: abilities.claimHeld === "mine" }
      : null,
    nameMode,
    can: caseOffers(abilities),
    reasons: getReasonCatalogue(),
    assignees,
  };
  return showPii ? kase : maskCase(kase);
}
