import { addDays, addYears, isoDate, startOfUtcDay } from "../generate/dates";
import type { Script } from "../generate/names";
import { generatePerson } from "../generate/people";
import type { Person } from "../generate/people";
import { createPrng } from "../generate/prng";
import type { Prng } from "../generate/prng";
import type { JsonObject } from "../json";
import { planScenarios } from "./scenarios";
import type { Scenario } from "./scenarios";
import { BYNN_MAIN_PATH } from "./types";
import type { BynnDocumentType, BynnMainStatus, BynnSessionRecord } from "./types";
import { isMainStatus, mainIndex } from "./views";

const SCRIPTS: readonly Script[] = ["latin", "cyrillic", "han", "arabic"];
const DOCUMENT_TYPES: readonly BynnDocumentType[] = ["passport", "id_card", "id_card", "driving_license", "residence_permit"];
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export type Levels = { basic: string; withAddress: string };

export function kycLevels(prng: Prng): Levels {
  return { basic: `kyc_level_${prng.hex(12)}`, withAddress: `kyc_level_${prng.hex(12)}` };
}

export function generateBynnSessions(options: { seed: number; count: number; now: Date }): BynnSessionRecord[] {
  const prng = createPrng(options.seed);
  const levels = kycLevels(prng);
  const { now } = options;
  return planScenarios(prng, options.count)
    .map((scenario, index) => buildRecord(prng, { scenario, index, levels, now, createdAt: createdAt(prng, scenario, now) }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

type BuildInput = { scenario: Scenario; index: number; levels: Levels; now: Date; createdAt: Date };

export function buildRecord(prng: Prng, { scenario, index, levels, now, createdAt }: BuildInput): BynnSessionRecord {
  const { status, issues } = scenario;
  const today = startOfUtcDay(now);
  const person = generatePerson(prng, scriptFor(issues.includes("transliterated_name"), index), index, today);
  const type = prng.pick(DOCUMENT_TYPES);
  const expiry = issues.includes("document_expired") ? addDays(today, -prng.int(10, 400)) : addDays(today, prng.int(200, 3000));
  const withProofOfAddress = index % 3 === 1;
  const reached = reachedFor(status, prng);
  const progress = mainIndex(reached);
  const flowEnd = createdAt.getTime() + (progress + 1) * prng.int(2, 9) * MINUTE_MS;
  const decided = status.startsWith("decision.") || status.startsWith("dossier.");
  // A Bynn reviewer settles a challenge hours after the engine raised it.
  const reviewDelay = status.startsWith("dossier.") ? prng.int(2, 30) * 60 * MINUTE_MS : 0;
  const clamp = (ms: number) => new Date(Math.min(now.getTime() - 1000, ms));
  const decidedAt = decided ? clamp(flowEnd + MINUTE_MS) : null;
  const updatedAt = clamp(flowEnd + (decided ? MINUTE_MS + reviewDelay : 0));
  return {
    sessionId: prng.hex(32),
    kycLevel: withProofOfAddress ? levels.withAddress : levels.basic,
    uniqueId: uniqueIdFor(index),
    status,
    reached,
    issues,
    scenario: scenario.label,
    person,
    applicant: applicantFor(prng, person, scenario, index),
    document: {
      type,
      number: person.documentNumber,
      issuingCountry: person.country,
      issueDate: isoDate(addYears(expiry, -10)),
      expiryDate: isoDate(expiry),
      mrzNumber: issues.includes("mrz_mismatch") ? `${person.documentNumber.slice(0, -2)}${prng.digits(2)}8` : person.documentNumber,
    },
    withProofOfAddress,
    ids: {
      dossier: `dossier_${prng.hex(16)}`,
      dossierToken: prng.hex(24),
      decision: `decision_${prng.hex(16)}`,
      identityDocument: `identity_document_${prng.hex(16)}`,
      entity: `entity_${prng.hex(16)}`,
      poa: `proof_of_address_${prng.hex(16)}`,
    },
    createdAt,
    updatedAt,
    decidedAt,
  };
}

/** What the integrator sent at creation: sometimes transliterated, sometimes with other details than the ID. */
function applicantFor(prng: Prng, person: Person, { issues }: Scenario, index: number): JsonObject {
  const ascii = issues.includes("transliterated_name");
  const dateOfBirth = issues.includes("dob_mismatch") ? isoDate(addDays(new Date(person.dateOfBirth), prng.pick([-1, 1]) * prng.int(40, 900))) : person.dateOfBirth;
  const applicant: JsonObject = {
    first_name: ascii ? person.asciiFirstName : person.firstName,
    last_name: ascii ? person.asciiLastName : person.lastName,
    date_of_birth: dateOfBirth,
    email_address: person.email,
    phone_number: person.phone,
    country_code: person.country,
  };
  if (issues.includes("document_number_mismatch")) applicant.document_number = `${prng.letters(2)}${prng.digits(7)}`;
  else if (index % 3 === 0) applicant.document_number = person.documentNumber;
  return applicant;
}

/** Scripts rotate so each appears; a transliteration needs a non-Latin original. */
function scriptFor(transliterated: boolean, index: number): Script {
  const script = SCRIPTS[index % SCRIPTS.length] ?? "latin";
  return transliterated && script === "latin" ? "cyrillic" : script;
}

/** Canceled and expired sessions stopped somewhere in the flow. */
function reachedFor(status: Scenario["status"], prng: Prng): BynnMainStatus {
  if (isMainStatus(status)) return status;
  if (status === "session.consent.reject") return "session.created";
  if (status === "session.canceled" || status === "session.expired") return prng.pick(BYNN_MAIN_PATH.slice(0, 4));
  return "session.completed";
}

/** In-flow sessions are recent, expired ones older than a session's lifetime. */
function createdAt(prng: Prng, scenario: Scenario, now: Date): Date {
  const [minDays, maxDays] = scenario.status === "session.expired" ? [31, 90] : isMainStatus(scenario.status) ? [0, 2] : [1, 29];
  return new Date(now.getTime() - prng.int(minDays, maxDays) * DAY_MS - prng.int(3600, 80_000) * 1000);
}

/** The integrator's own reference; sometimes absent, sometimes not ASCII. */
function uniqueIdFor(index: number): string | null {
  if (index % 9 === 4) return null;
  if (index % 11 === 7) return `клиент-${index}`;
  return `user_${8000 + index * 7}`;
}
