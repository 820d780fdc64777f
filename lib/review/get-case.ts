import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessionChecks, sessionDocuments, sessionEvents, users, verificationSessions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/append";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import type { ApplicantData, ProviderAdapter } from "@/lib/providers/types";
import { maskCase } from "@/lib/sessions/mask";
import { providerName } from "@/lib/sessions/provider-names";
import type { CommonStatus } from "@/lib/sessions/status";
import { documentDTO } from "./case-documents";
import type { CaseDTO, RouteKind } from "./case-types";
import { checkLabel, explainCode } from "./code-explanations";
import { getReasonCatalogue } from "./reasons";
import { describeEvent } from "./timeline";
import { foldClaimRows } from "./timeline-groups";
import { CLOSED, DECIDABLE } from "./case-states";

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

function routes(adapter: ProviderAdapter | undefined): CaseDTO["can"]["actions"] {
  const caps = adapter?.capabilities();
  const route = (action: "approve" | "decline" | "resubmit"): RouteKind => {
    if (!caps) return "unavailable";
    if (caps.offered[action]) return caps.allowedByKey[action] ? "provider" : "unavailable";
    return action === "resubmit" ? "unavailable" : "record";
  };
  return { approve: route("approve"), decline: route("decline"), resubmit: route("resubmit") };
}

/**
 * The case view's data. Opening a case with unmasked personal data is itself audited: the
 * audit trail records who looked at whose data, not only who changed it. The case is built
 * whole and masked in one step at the end (lib/sessions/mask.ts) for viewers who may not see it.
 */
export async function getCase(db: Database, viewer: Viewer, sessionId: string, now = new Date()): Promise<CaseDTO> {
  if (!can(viewer.permissions, "sessions:read")) throw new AppError("FORBIDDEN", "You may not open cases.");
  const [session] = await db.select().from(verificationSessions).where(eq(verificationSessions.id, sessionId));
  if (!session) throw new AppError("NOT_FOUND", "That session does not exist.");
  const showPii = can(viewer.permissions, "sessions:read_pii") && !session.redactedAt;
  const [documents, checks, events] = await Promise.all([
    db.select().from(sessionDocuments).where(eq(sessionDocuments.sessionId, sessionId)),
    db.select().from(sessionChecks).where(eq(sessionChecks.sessionId, sessionId)),
    db.select().from(sessionEvents).where(eq(sessionEvents.sessionId, sessionId)).orderBy(asc(sessionEvents.at), asc(sessionEvents.id)),
  ]);
  const actorIds = [...new Set([...events.map((e) => e.actorId), session.assigneeId].filter((id): id is string => Boolean(id)))];
  const names = new Map((actorIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds)) : []).map((u) => [u.id, u.name]));
  const adapter = getProviderAdapter(session.provider);
  const applicant = session.applicant as ApplicantData;
  const nameMode = getEnv().NAME_MATCH_MODE;

  const documentDTOs = documents.map((doc) => documentDTO(doc, { sessionId: session.id, applicant, nameMode, now }));
  const timeline = foldClaimRows(
    events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      type: e.type,
      actor: e.actorId ? (names.get(e.actorId) ?? null) : null,
      ...describeEvent(e.type, e.detail),
      ...(e.type === "claim" && typeof e.detail.action === "string" ? { claimAction: e.detail.action } : {}),
    })),
  );

  if (showPii) {
    await recordAudit(db, { actor: { id: viewer.id, label: viewer.email }, action: "session.view", targetType: "session", targetId: session.id });
  }
  const claimLive = session.assigneeId && session.claimExpiresAt && session.claimExpiresAt > now;
  const assignees = can(viewer.permissions, "sessions:assign") ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)) : [];
  const caps = adapter?.capabilities();
  const kase: CaseDTO = {
    id: session.id,
    provider: session.provider,
    providerName: providerName(session.provider),
    providerSessionId: session.providerSessionId,
    displayName: session.applicantName,
    status: session.status as CommonStatus,
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
    claim: claimLive ? { holderName: names.get(session.assigneeId!) ?? "Someone", expiresAt: session.claimExpiresAt!.toISOString(), mine: session.assigneeId === viewer.id } : null,
    nameMode,
    can: {
      decide: can(viewer.permissions, "sessions:decide") && !session.redactedAt,
      comment: can(viewer.permissions, "sessions:decide") && !session.redactedAt && !CLOSED.has(session.status),
      assign: can(viewer.permissions, "sessions:assign") && !session.redactedAt && DECIDABLE.has(session.status),
      expire: can(viewer.permissions, "sessions:expire") && !session.redactedAt,
      redact: can(viewer.permissions, "sessions:redact") && !session.redactedAt,
      actions: routes(adapter),
      expireAtProvider: Boolean(caps?.offered.expire),
      redactAtProvider: Boolean(caps?.offered.redact),
    },
    reasons: getReasonCatalogue(),
    assignees,
  };
  return showPii ? kase : maskCase(kase);
}
