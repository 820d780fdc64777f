import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import { clockTick } from "@/lib/providers/clocks";
import type { NormalizedSession } from "@/lib/providers/types";
import { recordSessionChange } from "@/lib/sessions/record-change";
import type { CommonStatus } from "@/lib/sessions/status";
import { wipePersonalData } from "@/lib/sessions/wipe-personal-data";
import { replaceDetails } from "./replace-details";
import { precedenceOf } from "./status-precedence";

export type UpsertOutcome = "created" | "updated" | "unchanged" | "stale";
export type UpsertOptions = {
  /** false for events that are recorded but must not move the status (iDenfy final: false). */
  settlesStatus?: boolean;
  /**
   * For reads of the provider's current state (sync, refresh): when the read started. Such a
   * read is current unless we stored something newer while it was in flight.
   */
  observedAt?: Date;
  /**
   * false when the copy carries only part of the session (most webhooks): what it has is merged
   * into what we hold instead of replacing it. Defaults to `incoming.detailed`.
   */
  complete?: boolean;
};

type Existing = {
  id: string;
  status: CommonStatus;
  rawStatus: string;
  providerUpdatedAt: Date | null;
  updatedAt: Date;
  applicant: Record<string, unknown>;
  riskSummary: Record<string, unknown>;
  redactedAt: Date | null;
};

const FINAL_STATUSES = new Set(["approved", "declined"]);

/**
 * Events can arrive out of order. An incoming copy is stale when it is older than what we
 * hold; for a final decision without a provider timestamp, the time we stored it stands in.
 * Times are compared only as finely as the provider's clock ticks (Didit's webhooks carry whole
 * seconds, a sync stores milliseconds): within one tick the order is unknown, so the status
 * further along wins (status precedence), and a status-moving event of lower precedence is
 * stale. An event that does not move the status keeps the older rule: within the tick it is
 * stale only against a final decision.
 */
function isStale(incoming: NormalizedSession, existing: Existing, settles: boolean, observedAt?: Date): boolean {
  if (observedAt) return existing.updatedAt > observedAt;
  const final = FINAL_STATUSES.has(existing.status);
  const reference = existing.providerUpdatedAt ?? (final ? existing.updatedAt : null);
  if (!incoming.providerUpdatedAt || !reference) return false;
  const incomingTick = clockTick(incoming.provider, incoming.providerUpdatedAt);
  const referenceTick = clockTick(incoming.provider, reference);
  if (incomingTick !== referenceTick) return incomingTick < referenceTick;
  if (!settles) return final && !FINAL_STATUSES.has(incoming.status);
  return precedenceOf(incoming.status) < precedenceOf(existing.status);
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

function joinName(first?: string | null, last?: string | null): string | null {
  return [first, last].filter(Boolean).join(" ") || null;
}

/**
 * The name lists show: a full name as written (the applicant's, else the document's) before
 * joining parts, because "first last" order is wrong for e.g. Chinese names.
 */
function displayName({ applicant, documents }: NormalizedSession): string | null {
  const doc = documents.find((d) => d.kind === "idv")?.fields;
  return applicant.fullName ?? doc?.fullName ?? joinName(applicant.firstName, applicant.lastName) ?? joinName(doc?.firstName, doc?.lastName);
}

/** A partial copy fills gaps and updates what it carries; it never blanks what we already hold. */
function mergeInto(existing: Existing, incoming: NormalizedSession): NormalizedSession {
  const present = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
  return {
    ...incoming,
    applicant: { ...(existing.applicant as NormalizedSession["applicant"]), ...present(incoming.applicant) },
    riskSummary: { ...existing.riskSummary, ...present(incoming.riskSummary) },
  };
}

/** Applicant columns of a copy that carries the session's applicant data (or of a new row). */
function applicantColumns(incoming: NormalizedSession) {
  return {
    applicantName: displayName(incoming),
    applicantEmail: incoming.applicant.email ?? null,
    applicant: incoming.applicant,
    riskSummary: incoming.riskSummary,
  };
}

/**
 * Mirrors one provider session into our tables. A status change bumps `version`, so an open
 * case learns that it changed, and lands on the timeline.
 */
export async function upsertSession(
  tx: Transaction,
  incoming: NormalizedSession,
  options: UpsertOptions = {},
): Promise<{ id: string; outcome: UpsertOutcome; redacted?: boolean }> {
  const settles = options.settlesStatus ?? true;
  const [existing] = await tx
    .select({
      id: verificationSessions.id,
      status: verificationSessions.status,
      rawStatus: verificationSessions.rawStatus,
      providerUpdatedAt: verificationSessions.providerUpdatedAt,
      updatedAt: verificationSessions.updatedAt,
      applicant: verificationSessions.applicant,
      riskSummary: verificationSessions.riskSummary,
      redactedAt: verificationSessions.redactedAt,
    })
    .from(verificationSessions)
    .where(and(eq(verificationSessions.provider, incoming.provider), eq(verificationSessions.providerSessionId, incoming.providerSessionId)))
    .for("update");
  const now = new Date();

  if (!existing) {
    const [row] = await tx
      .insert(verificationSessions)
      .values({
        provider: incoming.provider,
        providerSessionId: incoming.providerSessionId,
        status: incoming.status,
        rawStatus: incoming.rawStatus,
        ...applicantColumns(incoming),
        providerCreatedAt: incoming.providerCreatedAt ?? incoming.providerUpdatedAt ?? now,
        providerUpdatedAt: incoming.providerUpdatedAt,
        lastSyncedAt: now,
      })
      // Two events about a new session at once (Bynn sends several): the second waits for the
      // first to commit, then takes the update path below instead of failing on the unique key.
      .onConflictDoNothing({ target: [verificationSessions.provider, verificationSessions.providerSessionId] })
      .returning({ id: verificationSessions.id });
    if (!row) return upsertSession(tx, incoming, options);
    const id = row.id;
    if (incoming.detailed) await replaceDetails(tx, id, incoming, now);
    await recordStatusChange(tx, id, null, incoming, now);
    await mirrorProviderDeletion(tx, id, incoming, now);
    return { id, outcome: "created" };
  }

  if (isStale(incoming, existing, settles, options.observedAt)) return { id: existing.id, outcome: "stale", redacted: Boolean(existing.redactedAt) };
  // The same raw status can settle further: iDenfy's APPROVED with final:false is "pending" until
  // a final (or legacy, final-less) callback says APPROVED again. Only forward, so a decision
  // recorded in Verdict (provider without a decision API, raw status unchanged) is not undone
  // by a later read of the same provider status.
  const settlesFurther = precedenceOf(incoming.status) > precedenceOf(existing.status);
  const statusChanged = settles && (existing.rawStatus !== incoming.rawStatus || settlesFurther);
  // A redacted session keeps following the provider's status, but never takes personal data again.
  const takesDetails = incoming.detailed && !existing.redactedAt;
  const complete = options.complete ?? incoming.detailed;
  const merged = complete ? incoming : mergeInto(existing, incoming);
  await tx
    .update(verificationSessions)
    .set({
      ...(statusChanged ? { status: incoming.status, rawStatus: incoming.rawStatus, version: sql`${verificationSessions.version} + 1` } : {}),
      ...(takesDetails ? applicantColumns(merged) : {}),
      providerCreatedAt: incoming.providerCreatedAt ?? undefined,
      providerUpdatedAt: latest(existing.providerUpdatedAt, incoming.providerUpdatedAt),
      lastSyncedAt: now,
      updatedAt: now,
    })
    .where(eq(verificationSessions.id, existing.id));
  if (takesDetails) await replaceDetails(tx, existing.id, incoming, now);
  if (statusChanged) await recordStatusChange(tx, existing.id, existing.rawStatus, incoming, now);
  if (!existing.redactedAt) await mirrorProviderDeletion(tx, existing.id, incoming, now);
  return { id: existing.id, outcome: statusChanged || takesDetails ? "updated" : "unchanged", redacted: Boolean(existing.redactedAt) };
}

/**
 * `riskSummary.redacted === true` is an adapter's way of saying the provider deleted the
 * personal data itself (iDenfy DELETED / ARCHIVED): Verdict drops its copy too, and the case
 * leaves the queue, since nobody can review what is gone.
 */
async function mirrorProviderDeletion(tx: Transaction, sessionId: string, incoming: NormalizedSession, now: Date) {
  if (incoming.riskSummary.redacted !== true) return;
  await wipePersonalData(tx, { id: sessionId, provider: incoming.provider, providerSessionId: incoming.providerSessionId });
  await recordSessionChange(tx, { sessionId, userId: null, timeline: { type: "redacted", at: now, detail: { atProvider: true, byProvider: true } } });
}

/** Timeline only: the caller notifies (webhook intake, sync, refresh) and audits the delivery or the run. */
async function recordStatusChange(tx: Transaction, sessionId: string, from: string | null, incoming: NormalizedSession, now: Date) {
  await recordSessionChange(tx, {
    sessionId,
    userId: null,
    timeline: { type: "provider_status", at: incoming.providerUpdatedAt ?? now, detail: { from, to: incoming.rawStatus, status: incoming.status } },
  });
}
