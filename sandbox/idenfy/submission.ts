import type { Prng } from "../generate/prng";
import { amlFor, documentData, filesFor, riskAssessmentFor } from "./document";
import type { IdenfyOutcome, IdenfyRecord, Issue } from "./types";
import { autoVerdicts, has, manualVerdicts, outcomeFor, TOKEN_FACTS } from "./verdicts";

const PLATFORMS = ["PC", "MOBILE", "MOBILE_APP", "MOBILE_SDK", "TABLET"] as const;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The applicant captured document and selfie at `at`; iDenfy's engine has answered. */
export function capture(prng: Prng, record: IdenfyRecord, issues: Issue[], at: Date): void {
  record.issues = issues;
  record.data = documentData(prng, record.person, issues, record.created);
  record.files = filesFor(record.data);
  record.verdicts = autoVerdicts(issues);
  record.riskAssessment = riskAssessmentFor(prng, issues);
  record.aml = amlFor(prng, record.person, issues);
  record.platform = prng.pick(PLATFORMS);
  record.clientIp = `203.0.113.${prng.int(1, 254)}`;
  record.startTime = seconds(at) - prng.int(60, 600);
  record.finishTime = seconds(at);
  record.updated = at;
}

/**
 * Whether a human reviews this capture: the token asked for it, the AI could not decide, or an
 * approval despite token mismatches (only a reviewer gives that).
 */
export function needsReview(record: IdenfyRecord, outcome: IdenfyOutcome): boolean {
  const facts = record.issues.some((issue) => TOKEN_FACTS.includes(issue));
  return record.manualReview || has(record.issues, "auto_unverifiable") || (outcome === "APPROVED" && facts);
}

/** Automatic result only: final unless a reviewer follows (then REVIEWING until they decide). */
export function settleAutomatically(record: IdenfyRecord, outcome: IdenfyOutcome): void {
  if (needsReview(record, outcome)) {
    record.status = "REVIEWING";
    record.final = false;
    record.pendingOutcome = outcome;
    return;
  }
  record.status = outcome;
  record.final = true;
  record.pendingOutcome = null;
}

/** iDenfy's reviewer decides at `at`. */
export function review(record: IdenfyRecord, outcome: IdenfyOutcome, at: Date): void {
  record.verdicts = manualVerdicts(record.verdicts ?? autoVerdicts(record.issues), outcome);
  record.status = outcome;
  record.final = true;
  record.pendingOutcome = null;
  // A reviewer always comes after the engine, even when both happen within one second here.
  record.finishTime = Math.max(seconds(at), (record.finishTime ?? 0) + 1);
  record.updated = new Date(Math.max(at.getTime(), record.finishTime * 1000));
}

/** What the engine would conclude for these issues (AUTO_UNVERIFIABLE leaves it to `fallback`). */
export function plannedOutcome(issues: readonly Issue[], fallback: IdenfyOutcome): IdenfyOutcome {
  const outcome = outcomeFor(issues);
  return outcome === "APPROVED" && has(issues, "auto_unverifiable") ? fallback : outcome;
}

/** Deletion (and archiving) removes the personal data; the verdicts are kept (UNCONFIRMED, assumed). */
export function wipe(record: IdenfyRecord): void {
  record.data = null;
  record.files = [];
  record.expected = {};
  record.aml = null;
  record.awaitingResubmission = false;
  record.pendingOutcome = null;
}
