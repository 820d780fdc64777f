import { addDays, addYears, isoDate, startOfUtcDay } from "../generate/dates";
import type { Script } from "../generate/names";
import { generatePerson } from "../generate/people";
import type { Person } from "../generate/people";
import type { Prng } from "../generate/prng";
import { alpha2, expectedFor, v1ScanRef } from "./document";
import { planScenarios } from "./scenarios";
import type { Scenario } from "./scenarios";
import { capture, plannedOutcome, review, settleAutomatically, wipe } from "./submission";
import type { IdenfyOutcome, IdenfyRecord, IdenfyStatus, Issue } from "./types";
import { has } from "./verdicts";

/** expiryTime on our tokens: 3 days (iDenfy allows up to 30). */
export const TOKEN_LIFETIME_MS = 3 * 86_400_000;
const SCRIPTS: readonly Script[] = ["latin", "cyrillic", "han", "arabic"];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A token as POST /api/v2/token leaves it: ACTIVE, nothing captured yet. */
export function newRecord(prng: Prng, scenario: Scenario, index: number, created: Date, today: Date): IdenfyRecord {
  const person = personFor(prng, scenario.issues, index, today);
  return {
    scanRef: v1ScanRef(prng),
    clientId: clientIdFor(index),
    externalRef: prng.chance(0.5) ? `ord-${prng.digits(6)}` : null,
    status: "ACTIVE",
    final: null,
    manualReview: scenario.manualReview,
    created,
    updated: created,
    tokenExpiresAt: new Date(created.getTime() + TOKEN_LIFETIME_MS),
    expected: expectedFor(prng, person, scenario.issues),
    person,
    issues: [...scenario.issues],
    verdicts: null,
    data: null,
    files: [],
    riskAssessment: null,
    aml: null,
    platform: "PC",
    clientIp: "203.0.113.1",
    clientIpCountry: alpha2(person),
    startTime: null,
    finishTime: null,
    pendingOutcome: null,
    awaitingResubmission: false,
    scenario: scenario.label,
  };
}

/** Plays the scenario's history forward from the token's creation, never past `now`. */
export function playScenario(prng: Prng, record: IdenfyRecord, scenario: Scenario, now: Date): void {
  const at = (offsetMs: number) => new Date(Math.min(record.created.getTime() + offsetMs, now.getTime() - MINUTE));
  const { status } = scenario;
  if (status === "ACTIVE" && !scenario.resubmission) return;
  if (status === "EXPIRED" || status === "EXPIRED-DELETED") {
    record.status = status;
    record.final = true;
    record.updated = record.tokenExpiresAt;
    if (status === "EXPIRED-DELETED") wipe(record);
    return;
  }
  capture(prng, record, record.issues, at(prng.int(3, 40) * MINUTE));
  const outcome = scenario.outcome ?? (isOutcome(status) ? status : plannedOutcome(record.issues, "APPROVED"));
  settleAutomatically(record, outcome);
  if (status === "REVIEWING") {
    Object.assign(record, { status: "REVIEWING", final: false, pendingOutcome: outcome });
    return;
  }
  if (record.status === "REVIEWING") review(record, outcome, at(prng.int(1, 20) * HOUR));
  if (status === "ACTIVE") {
    // request-information: a fresh link, the identification waits for the applicant again.
    record.status = "ACTIVE";
    record.final = null;
    record.awaitingResubmission = true;
    record.updated = new Date(Math.max(record.updated.getTime() + 1000, at(3 * HOUR).getTime()));
    record.tokenExpiresAt = new Date(record.updated.getTime() + TOKEN_LIFETIME_MS);
    return;
  }
  if (status === "DELETED" || status === "ARCHIVED") {
    wipe(record);
    record.status = status;
    record.updated = new Date(Math.max(record.tokenExpiresAt.getTime(), record.updated.getTime()) + prng.int(1, 48) * HOUR);
  }
}

/** When the token was created: unused ones are recent, expired ones older than their lifetime. */
export function createdAt(prng: Prng, scenario: Scenario, now: Date): Date {
  const [minDays, maxDays] =
    scenario.status === "ACTIVE" || scenario.status === "REVIEWING"
      ? [0, 1]
      : ["EXPIRED", "EXPIRED-DELETED", "DELETED", "ARCHIVED"].includes(scenario.status)
        ? [31, 90]
        : [0, 29];
  const back = prng.int(minDays, maxDays) * 86_400_000 + prng.int(3 * 3600, 20 * 3600) * 1000 + prng.int(0, 999);
  return new Date(now.getTime() - back);
}

function personFor(prng: Prng, issues: readonly Issue[], index: number, today: Date): Person {
  const rotated = SCRIPTS[index % SCRIPTS.length] ?? "latin";
  // A transliteration needs an original in another script.
  const script = rotated === "latin" && has(issues, "transliterated_name") ? "cyrillic" : rotated;
  const person = generatePerson(prng, script, index, today);
  // The token's ageLimit is 21; this applicant is 19.
  if (has(issues, "under_age")) return { ...person, dateOfBirth: isoDate(addDays(addYears(today, -19), -prng.int(1, 300))) };
  return person;
}

/** The integrator's own id for the applicant; now and then not ASCII. */
function clientIdFor(index: number): string {
  return index % 11 === 7 ? `клиент-${index}` : `user-${10_000 + index * 7}`;
}

function isOutcome(status: IdenfyStatus): status is IdenfyOutcome {
  return status === "APPROVED" || status === "DENIED" || status === "SUSPECTED";
}

/** The sandbox's starting set: every scenario played forward to `now`, oldest first. */
export function generateIdenfyRecords(prng: Prng, count: number, now: Date): IdenfyRecord[] {
  const today = startOfUtcDay(now);
  return planScenarios(prng, count)
    .map((scenario, index) => {
      const record = newRecord(prng, scenario, index, createdAt(prng, scenario, now), today);
      playScenario(prng, record, scenario, now);
      return record;
    })
    .sort((a, b) => a.created.getTime() - b.created.getTime());
}
