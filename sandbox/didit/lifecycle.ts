import { startOfUtcDay } from "../generate/dates";
import { generatePerson } from "../generate/people";
import { createPrng, uuidFrom } from "../generate/prng";
import type { Prng } from "../generate/prng";
import { asObject } from "../json";
import type { WebhookDelivery } from "../provider";
import { buildDecision, featureBlocks } from "./decision";
import { FIRST_SESSION_NUMBER, scriptFor, vendorDataFor } from "./generator";
import { addReview } from "./reviews";
import { DECLINE_ISSUES, makeScenario, REVIEW_ISSUES } from "./scenarios";
import type { Issue, Stage } from "./scenarios";
import { statusOf } from "./types";
import type { DiditSessionRecord, DiditState, DiditStatus } from "./types";
import { statusWebhook } from "./webhooks";

const STAGE_FOR: Record<DiditStatus, Stage> = {
  "Not Started": "none",
  Expired: "none",
  "In Progress": "started",
  Abandoned: "partial",
  "Awaiting User": "partial",
  Approved: "complete",
  Declined: "complete",
  "In Review": "complete",
  "Kyc Expired": "complete",
  Resubmitted: "complete",
};
/** Waiting on the applicant; In Review waits for a reviewer and is never moved by chance. */
const MOVABLE: ReadonlySet<DiditStatus> = new Set(["Not Started", "In Progress", "Resubmitted"]);
const DECIDED: ReadonlySet<DiditStatus> = new Set(["In Review", "Approved", "Declined"]);
const REVIEWER_TARGETS: ReadonlySet<DiditStatus> = new Set(["Approved", "Declined", "Resubmitted"]);
// Mismatches against expected details only make sense when the integrator sent them at creation.
const LATE_REVIEW_ISSUES = REVIEW_ISSUES.filter((issue) => issue !== "dob_mismatch" && issue !== "transliterated_name");
const CONSOLE_REVIEWER = "reviewer@console.didit.example";

/** The control API's move: a reviewer's decision in Didit's console, or the applicant/Didit moving on. */
export function moveTo(state: DiditState, record: DiditSessionRecord, target: DiditStatus): WebhookDelivery[] {
  const from = statusOf(record);
  if (from === target) return [];
  if (DECIDED.has(from) && REVIEWER_TARGETS.has(target) && record.stage === "complete") {
    addReview(record, CONSOLE_REVIEWER, target, "Decided in the Didit console.");
  } else {
    progress(record, target, state.prng);
  }
  return [statusWebhook(state, record, from)];
}

/** One step of an unfinished session, chosen with `random`: what applicants and Didit's engine do. */
export function advanceRandom(state: DiditState, random: () => number): WebhookDelivery[] {
  const movable = state.sessions.filter((record) => MOVABLE.has(statusOf(record)));
  const record = movable[Math.floor(random() * movable.length)];
  if (!record) return [];
  const from = statusOf(record);
  progress(record, nextStatus(record, from, random), createPrng(Math.floor(random() * 2 ** 32)));
  return [statusWebhook(state, record, from)];
}

function nextStatus(record: DiditSessionRecord, from: DiditStatus, random: () => number): DiditStatus {
  if (from === "Not Started") return random() < 0.85 ? "In Progress" : "Expired";
  if (from === "In Progress" && random() < 0.1) return "Abandoned";
  const issue = record.issues[0];
  if (issue) return DECLINE_ISSUES.includes(issue) && random() < 0.3 ? "Declined" : "In Review";
  const roll = random();
  return roll < 0.75 ? "Approved" : roll < 0.9 ? "In Review" : "Declined";
}

/** Moves the status and lays out the feature blocks the new stage has on Didit. */
function progress(record: DiditSessionRecord, target: DiditStatus, prng: Prng): void {
  const stage = STAGE_FOR[target];
  const issues = issuesFor(record, target, prng);
  const scenario = { ...makeScenario(target, stage, issues, "none"), lapsed: target === "Kyc Expired" };
  const expected = asObject(record.decision.expected_details);
  const today = startOfUtcDay(new Date());
  Object.assign(record.decision, featureBlocks({ prng, scenario, person: record.person, created: record.created, today, expected }));
  record.decision.status = target;
  record.stage = stage;
  if (stage === "complete") record.issues = issues;
}

function issuesFor(record: DiditSessionRecord, target: DiditStatus, prng: Prng): Issue[] {
  if (target === "Approved" || target === "Kyc Expired") return [];
  if (target === "Resubmitted") return ["mrz_not_detected"];
  if (target !== "Declined" && target !== "In Review") return record.issues;
  if (record.issues.length > 0) return record.issues;
  return [target === "Declined" ? prng.pick(DECLINE_ISSUES) : prng.pick(LATE_REVIEW_ISSUES)];
}

/**
 * A new session, as POST /v3/session/ creates it: Not Started, nothing captured. Whether its data
 * will clash with the document is decided now, since expected details are set at creation.
 * Didit announcing a new session with a "Not Started" status.updated is UNCONFIRMED.
 */
export function createSession(state: DiditState): { sessionId: string; deliveries: WebhookDelivery[] } {
  const { prng } = state;
  const sessionNumber = Math.max(FIRST_SESSION_NUMBER - 1, ...state.sessions.map((record) => record.sessionNumber)) + 1;
  const index = sessionNumber - FIRST_SESSION_NUMBER;
  const issues: Issue[] = prng.chance(0.4) ? [prng.pick(REVIEW_ISSUES)] : [];
  const scenario = makeScenario("Not Started", "none", issues, "none");
  const now = new Date();
  const today = startOfUtcDay(now);
  const person = generatePerson(prng, scriptFor(scenario, index), index, today);
  const sessionId = uuidFrom(prng);
  const vendorData = vendorDataFor(index);
  const token = prng.letters(12);
  const { workflowId } = state;
  const decision = buildDecision({ prng, scenario, person, created: now, today, now, sessionId, sessionNumber, vendorData, token, workflowId });
  const record: DiditSessionRecord = {
    sessionId,
    sessionNumber,
    vendorData,
    decision,
    person,
    issues,
    scenario: scenario.label,
    stage: "none",
    created: now,
    lastResubmitAt: null,
  };
  state.sessions.push(record);
  return { sessionId, deliveries: [statusWebhook(state, record, null)] };
}
