import { createPrng } from "../generate/prng";
import type { Prng } from "../generate/prng";
import type { WebhookDelivery } from "../provider";
import { startOfUtcDay } from "../generate/dates";
import { newRecord, TOKEN_LIFETIME_MS } from "./generator";
import { freshScenario } from "./scenarios";
import { capture, plannedOutcome, review, settleAutomatically, wipe } from "./submission";
import { touch } from "./types";
import type { IdenfyOutcome, IdenfyRecord, IdenfyState, IdenfyStatus } from "./types";
import { issuesForOutcome, RETAKE_FIXES } from "./verdicts";
import { identificationWebhook } from "./webhooks";

const REDACTED: readonly IdenfyStatus[] = ["DELETED", "EXPIRED-DELETED", "ARCHIVED"];
const isOutcome = (status: IdenfyStatus): status is IdenfyOutcome => status === "APPROVED" || status === "DENIED" || status === "SUSPECTED";

/** The control API's move, as iDenfy (its engine, its reviewers, the applicant, time) would make it. */
export function moveTo(state: IdenfyState, record: IdenfyRecord, target: IdenfyStatus): WebhookDelivery[] {
  const from = record.status;
  if (from === target) return [];
  if (target === "ACTIVE") {
    reissue(state, record, TOKEN_LIFETIME_MS);
    return [];
  }
  if (target === "EXPIRED") return [expire(state, record, "IDENTIFICATION_EXPIRED")];
  if (REDACTED.includes(target)) {
    wipe(record);
    record.status = target;
    touch(state, record);
    return [];
  }
  if (target === "REVIEWING") {
    if (from === "ACTIVE") return submit(state, record, state.prng, plannedOutcome(record.issues, "APPROVED"), true);
    Object.assign(record, { status: "REVIEWING", final: false, pendingOutcome: isOutcome(from) ? from : "APPROVED" });
    touch(state, record);
    return [];
  }
  if (!isOutcome(target)) return [];
  if (from === "REVIEWING" || isOutcome(from)) {
    // A reviewer's decision; from a finished state it is a change made in iDenfy's dashboard.
    const issues = issuesForOutcome(target, record.issues, state.prng.pick);
    if (issues.join() !== record.issues.join()) capture(state.prng, record, issues, touch(state, record));
    review(record, target, touch(state, record));
    return [identificationWebhook(state, record, "IDENTIFICATION_MANUAL_FINISHED", from)];
  }
  if (from !== "ACTIVE") reissue(state, record, TOKEN_LIFETIME_MS);
  record.issues = issuesForOutcome(target, record.issues, state.prng.pick);
  return submit(state, record, state.prng, target, false);
}

/** POST /api/v2/token as the integrator would call it: ACTIVE, no callback until the applicant acts. */
export function createSession(state: IdenfyState): { sessionId: string; deliveries: WebhookDelivery[] } {
  const now = state.clock();
  const record = newRecord(state.prng, freshScenario(state.prng), state.records.length, now, startOfUtcDay(now));
  state.records.push(record);
  return { sessionId: record.scanRef, deliveries: [] };
}

/** One step of an unfinished verification, chosen with `random`: what applicants and reviewers do. */
export function advanceRandom(state: IdenfyState, random: () => number): WebhookDelivery[] {
  const movable = state.records.filter((record) => record.status === "ACTIVE" || record.status === "REVIEWING");
  const record = movable[Math.floor(random() * movable.length)];
  if (!record) return [];
  const prng = createPrng(Math.floor(random() * 2 ** 32));
  if (record.status === "REVIEWING") {
    review(record, record.pendingOutcome ?? plannedOutcome(record.issues, "APPROVED"), touch(state, record));
    return [identificationWebhook(state, record, "IDENTIFICATION_MANUAL_FINISHED", "REVIEWING")];
  }
  if (record.awaitingResubmission) return [resubmitted(state, record, prng)];
  const roll = random();
  if (record.tokenExpiresAt <= state.clock() || roll < 0.08) return [expire(state, record, "IDENTIFICATION_EXPIRED")];
  if (roll < 0.14) return [expire(state, record, "IDENTIFICATION_CANCELLED")];
  return submit(state, record, prng, plannedOutcome(record.issues, random() < 0.7 ? "APPROVED" : "DENIED"), false);
}

/**
 * The applicant finished the flow: the automatic callback, final unless iDenfy's reviewer follows.
 * A forced outcome that needs a reviewer gets both callbacks at once, auto (final:false) first.
 */
function submit(state: IdenfyState, record: IdenfyRecord, prng: Prng, outcome: IdenfyOutcome, stopAtReview: boolean): WebhookDelivery[] {
  const from = record.status;
  capture(prng, record, record.issues, touch(state, record));
  if (stopAtReview) record.manualReview = true;
  settleAutomatically(record, outcome);
  const auto = identificationWebhook(state, record, "IDENTIFICATION_AUTO_FINISHED", from);
  if (record.status !== "REVIEWING" || stopAtReview) return [auto];
  review(record, outcome, touch(state, record));
  return [auto, identificationWebhook(state, record, "IDENTIFICATION_MANUAL_FINISHED", "REVIEWING")];
}

/** The applicant used the link from request-information: iDenfy's reviewers look at the new data. */
function resubmitted(state: IdenfyState, record: IdenfyRecord, prng: Prng): WebhookDelivery {
  const issues = record.issues.filter((issue) => !RETAKE_FIXES.includes(issue));
  capture(prng, record, issues, touch(state, record));
  Object.assign(record, { status: "REVIEWING", final: false, awaitingResubmission: false });
  record.pendingOutcome = plannedOutcome(issues, "APPROVED");
  return identificationWebhook(state, record, "IDENTIFICATION_RESUBMITTED", "ACTIVE");
}

/** Time ran out, or (UNCONFIRMED) the applicant cancelled: either way the token is used up. */
type EndEvent = "IDENTIFICATION_EXPIRED" | "IDENTIFICATION_CANCELLED";

function expire(state: IdenfyState, record: IdenfyRecord, eventType: EndEvent): WebhookDelivery {
  const from = record.status;
  Object.assign(record, { status: "EXPIRED", final: true, awaitingResubmission: false, pendingOutcome: null });
  record.tokenExpiresAt = touch(state, record);
  // The callback's finishTime is when the token ran out, which tells this callback from earlier ones.
  record.finishTime = Math.floor(record.tokenExpiresAt.getTime() / 1000);
  return identificationWebhook(state, record, eventType, from);
}

/** A live token again (a new link for the same identification); what was captured stays. */
export function reissue(state: IdenfyState, record: IdenfyRecord, lifetimeMs: number): void {
  const wasFinished = isOutcome(record.status);
  Object.assign(record, { status: "ACTIVE", final: null, pendingOutcome: null, awaitingResubmission: wasFinished });
  record.tokenExpiresAt = new Date(touch(state, record).getTime() + lifetimeMs);
}

export type Refusal = { status: number; identifier: string; message: string };

/** POST /api/v2/delete: only once the token can no longer be used. */
export function deleteIdentification(state: IdenfyState, record: IdenfyRecord): Refusal | null {
  if (REDACTED.includes(record.status)) {
    return { status: 400, identifier: "PARTNER_ERROR", message: "Identification data has already been deleted." };
  }
  if (record.status === "ACTIVE" || record.tokenExpiresAt > state.clock()) {
    return { status: 400, identifier: "PARTNER_ERROR", message: "Token has not expired yet." };
  }
  const unused = record.status === "EXPIRED" && record.verdicts === null;
  wipe(record);
  record.status = unused ? "EXPIRED-DELETED" : "DELETED";
  touch(state, record);
  return null;
}

/**
 * POST /kyc/identifications/{scanRef}/request-information/: only a finished identification.
 * UNCONFIRMED: which states iDenfy refuses, and with which words.
 */
export function requestInformation(state: IdenfyState, record: IdenfyRecord, lifetimeSeconds: number): Refusal | null {
  if (!isOutcome(record.status)) {
    const message =
      record.status === "ACTIVE" || record.status === "REVIEWING"
        ? "Identification is not finished yet."
        : "Identification is not available for additional information requests.";
    return { status: 400, identifier: "PARTNER_ERROR", message };
  }
  reissue(state, record, lifetimeSeconds * 1000);
  return null;
}
