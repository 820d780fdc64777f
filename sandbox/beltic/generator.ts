import { addDays, addYears, isoDate, startOfUtcDay } from "../generate/dates";
import { LOCALES } from "../generate/names";
import type { Script } from "../generate/names";
import { generatePerson } from "../generate/people";
import { uuidFrom } from "../generate/prng";
import type { Prng } from "../generate/prng";
import type { JsonObject } from "../json";
import { applyStatus, stepsTo } from "./lifecycle";
import { labelOf, planScenarios } from "./scenarios";
import type { Scenario } from "./scenarios";
import type { BelticSessionRecord, BelticStatus, DocumentFacts, IdDocumentType, Issue } from "./types";

const SCRIPTS: readonly Script[] = ["latin", "cyrillic", "han", "arabic"];
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** UNCONFIRMED: Beltic's session lifetime; 30 days is what the sandbox uses. */
export const SESSION_LIFETIME_DAYS = 30;
const DOCUMENT_TYPES: readonly IdDocumentType[] = ["passport", "id_card", "drivers_license", "residence_permit"];

export function generateBelticSessions(prng: Prng, count: number, now: Date): BelticSessionRecord[] {
  const today = startOfUtcDay(now);
  return planScenarios(prng, count)
    .map((scenario, index) => {
      const created = createdAt(prng, scenario.status, now);
      const record = newRecord(prng, scenario, index, created, today);
      advance(prng, record, scenario.status, now);
      return record;
    })
    .sort((a, b) => (b.timestamps.created_at ?? "").localeCompare(a.timestamps.created_at ?? ""));
}

/** A session in `created`, with everything the applicant will go on to submit already decided. */
export function newRecord(prng: Prng, scenario: Scenario, index: number, created: Date, today: Date): BelticSessionRecord {
  const person = generatePerson(prng, scriptFor(scenario.issues, index), index, today);
  const id = uuidFrom(prng);
  const iso = created.toISOString();
  return {
    id,
    accountId: uuidFrom(prng),
    status: "created",
    stage: "none",
    issues: scenario.issues,
    scenario: labelOf(scenario.status, scenario.issues),
    person,
    manualEntry: scenario.manualEntry,
    document: documentFacts(prng, scenario, person.address, person.script, created),
    ids: {
      idvDocument: uuidFrom(prng),
      addressDocument: uuidFrom(prng),
      idvVerification: uuidFrom(prng),
      addressVerification: uuidFrom(prng),
      files: { front: uuidFrom(prng), back: uuidFrom(prng), portrait: uuidFrom(prng), address: uuidFrom(prng) },
    },
    behavior: behaviorFor(prng, scenario.issues),
    scores: {
      faceMatch: scenario.issues.includes("low_face_match") ? prng.int(31, 55) / 100 : prng.int(82, 99) / 100,
      liveness: scenario.issues.includes("low_liveness") ? prng.int(20, 50) / 100 : prng.int(85, 99) / 100,
    },
    timestamps: { created_at: iso, updated_at: iso, expires_at: addDays(created, SESSION_LIFETIME_DAYS).toISOString() },
    decision: null,
  };
}

/** Walks the session to its planned status at plausible intervals, never later than a minute ago. */
function advance(prng: Prng, record: BelticSessionRecord, target: BelticStatus, now: Date): void {
  const latest = now.getTime() - MINUTE_MS;
  let at = new Date(record.timestamps.created_at ?? now.toISOString()).getTime();
  // Half the expired sessions were opened and then left.
  const steps = target === "expired" && prng.chance(0.5) ? (["started", "expired"] as const) : stepsTo("created", target);
  for (const step of steps) {
    const gap = step === "expired" ? SESSION_LIFETIME_DAYS * DAY_MS : gapBefore(prng, step);
    at = Math.min(at + gap, latest);
    applyStatus(record, step, new Date(at));
    if (step === "approved" || step === "declined") {
      const action = step === "approved" ? "approve" : "decline";
      record.decision = { action, reason: null, comment: null };
    }
    at += 1;
  }
}

function gapBefore(prng: Prng, step: BelticStatus): number {
  if (step === "approved" || step === "declined") return prng.int(1, 48) * 60 * MINUTE_MS;
  if (step === "marked_for_review") return prng.int(5, 60) * 1000;
  return prng.int(1, 20) * MINUTE_MS + prng.int(0, 59_999);
}

function createdAt(prng: Prng, status: BelticStatus, now: Date): Date {
  const unfinished = status === "created" || status === "started" || status === "pending";
  const [minDays, maxDays] = status === "expired" ? [31, 90] : unfinished ? [0, 2] : [1, 29];
  const back = prng.int(minDays, maxDays) * DAY_MS + prng.int(3 * 3600, 20 * 3600) * 1000 + prng.int(0, 999);
  return new Date(now.getTime() - back);
}

/** Scripts rotate so each appears; a transliteration needs a non-Latin original. */
function scriptFor(issues: readonly Issue[], index: number): Script {
  const script = SCRIPTS[index % SCRIPTS.length] ?? "latin";
  return script === "latin" && issues.includes("transliterated_name") ? "cyrillic" : script;
}

function documentFacts(prng: Prng, scenario: Scenario, address: string, script: Script, created: Date): DocumentFacts {
  const type = prng.pick(DOCUMENT_TYPES);
  const expires = scenario.issues.includes("document_expired") ? addDays(created, -prng.int(10, 400)) : addDays(created, prng.int(200, 3000));
  const elsewhere = LOCALES[script].find((locale) => locale.address !== address)?.address ?? `${address} 2`;
  return {
    type,
    number: `${prng.letters(2)}${prng.digits(7)}`,
    issueDate: isoDate(addYears(expires, type === "drivers_license" ? -15 : -10)),
    expiryDate: isoDate(expires),
    hasBack: type !== "passport",
    addressProof: scenario.addressProof
      ? {
          type: prng.pick(["utility_bill", "bank_statement"] as const),
          issueDate: isoDate(addDays(created, -prng.int(5, 60))),
          address: scenario.issues.includes("address_mismatch") ? elsewhere : address,
        }
      : null,
  };
}

/** behavior_analysis as Beltic reports it; a scripted, tool-assisted session looks like a bot. */
function behaviorFor(prng: Prng, issues: readonly Issue[]): JsonObject {
  const bot = issues.includes("bot_behavior");
  return {
    completion_time_seconds: bot ? prng.int(6, 20) : prng.int(90, 600),
    autofill_starts: bot ? 0 : prng.int(0, 3),
    autofill_cancels: bot ? 0 : prng.int(0, 1),
    bot_score: bot ? prng.int(85, 99) : prng.int(1, 20),
    threat_level: bot ? "high" : "low",
    shortcut_copies: bot ? prng.int(3, 8) : prng.int(0, 1),
    shortcut_pastes: bot ? prng.int(6, 12) : prng.int(0, 2),
    distraction_events: prng.int(0, 4),
    devtools_open: bot,
    debugger_attached: false,
    request_spoof_attempts: bot ? prng.int(1, 4) : 0,
    user_agent_spoof_attempts: bot ? 1 : 0,
    hesitation_baseline: prng.int(400, 1500),
    hesitation_count: prng.int(0, 12),
    hesitation_percentage: prng.int(0, 40),
    hesitation_time: prng.int(0, 20_000),
  };
}
