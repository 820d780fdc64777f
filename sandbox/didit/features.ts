import { addDays, addYears, isoDate } from "../generate/dates";
import type { Person } from "../generate/people";
import type { Prng } from "../generate/prng";
import { uuidFrom } from "../generate/prng";
import type { Json, JsonObject } from "../json";
import type { Issue, Scenario } from "./scenarios";
import { warning } from "./warnings";
import type { LogType } from "./warnings";

export type FeatureInput = {
  prng: Prng;
  scenario: Scenario;
  person: Person;
  created: Date;
  today: Date;
  expected: JsonObject | null;
};

export const NODES = {
  idv: "feature_ocr_1",
  liveness: "feature_liveness_1",
  face: "feature_face_match_1",
  aml: "feature_aml_1",
  ip: "feature_ip_1",
} as const;

const DOCUMENTS = [
  { type: "Passport", subtype: "PASSPORT", mrz: "TD3", back: false },
  { type: "Identity Card", subtype: "ID_CARD_GENERIC", mrz: "TD1", back: true },
  { type: "Driver's License", subtype: "DRIVERS_LICENSE", mrz: null, back: true },
  { type: "Residence Permit", subtype: "RESIDENCE_PERMIT", mrz: "TD1", back: true },
] as const;

export const has = (scenario: Scenario, ...issues: Issue[]) => issues.some((issue) => scenario.issues.includes(issue));

/** The feature behind an issue carries the verdict; after a manual approval it keeps "In Review", as on Didit. */
export function statusFor(scenario: Scenario, affected: boolean): string {
  if (!affected) return "Approved";
  if (scenario.status === "Declined" || scenario.status === "Resubmitted") return "Declined";
  if (scenario.status === "In Review" || scenario.status === "Approved") return "In Review";
  return "Approved";
}

export function logFor(scenario: Scenario): LogType {
  return scenario.status === "Declined" || scenario.status === "Resubmitted" ? "error" : "warning";
}

export function idVerification(input: FeatureInput): JsonObject {
  const { prng, scenario, person } = input;
  const doc = prng.pick(DOCUMENTS);
  const expires = expiryDate(input);
  const hidden = scenario.restricted;
  const affected = has(scenario, "dob_mismatch", "transliterated_name", "possible_fraud", "mrz_mismatch", "document_expired", "mrz_not_detected");
  const address = hidden || !doc.back ? null : person.address;
  return {
    node_id: NODES.idv,
    status: statusFor(scenario, affected),
    document_type: doc.type,
    document_subtype: doc.subtype,
    document_number: person.documentNumber,
    personal_number: hidden ? null : person.personalNumber,
    portrait_image: "@media/portrait",
    front_image: "@media/front",
    front_video: null,
    back_image: doc.back ? "@media/back" : null,
    back_video: null,
    full_front_image: null,
    full_back_image: null,
    date_of_birth: person.dateOfBirth,
    age: ageAt(person.dateOfBirth, input.created),
    expiration_date: isoDate(expires),
    date_of_issue: hidden ? null : isoDate(addYears(expires, -10)),
    issuing_state: person.country,
    issuing_state_name: person.countryName,
    first_name: person.firstName,
    last_name: person.lastName,
    full_name: person.fullName,
    gender: person.sex,
    address,
    formatted_address: address,
    parsed_address: null,
    place_of_birth: null,
    nationality: person.country,
    extra_fields: {},
    mrz: doc.mrz ? mrzOf(input, doc.mrz, expires) : null,
    warnings: idvWarnings(input),
  };
}

/** The same block before the applicant finished the step: Didit keeps status and node_id, data is null. */
export function unfinished(block: JsonObject): JsonObject {
  const empty = Object.fromEntries(Object.keys(block).map((key): [string, Json] => [key, null]));
  return { ...empty, node_id: block.node_id ?? null, status: "Not Finished", warnings: [], ...("matches" in block ? { matches: [] } : {}) };
}

function expiryDate({ prng, scenario, created, today }: FeatureInput): Date {
  if (has(scenario, "document_expired")) return addDays(created, -prng.int(10, 400));
  // Valid when captured (created is 400+ days back), lapsed since: what "Kyc Expired" means.
  if (scenario.lapsed) return addDays(today, -prng.int(5, 300));
  return addDays(created, prng.int(200, 3000));
}

function idvWarnings(input: FeatureInput): JsonObject[] {
  const { prng, scenario, person, expected } = input;
  const log = logFor(scenario);
  const out: JsonObject[] = [];
  if (has(scenario, "dob_mismatch")) {
    const data = { field: "date_of_birth", expected_value: expected?.date_of_birth ?? null, extracted_value: person.dateOfBirth };
    out.push(warning("DATA_INCONSISTENT", NODES.idv, log, data));
  }
  if (has(scenario, "transliterated_name")) {
    const wanted = `${String(expected?.first_name ?? "")} ${String(expected?.last_name ?? "")}`.trim();
    const data = { field: "full_name", expected_value: wanted, extracted_value: person.fullName };
    out.push(warning("DATA_INCONSISTENT", NODES.idv, log, data));
  }
  if (has(scenario, "possible_fraud")) out.push(warning("POSSIBLE_FRAUD", NODES.idv, log));
  if (has(scenario, "mrz_mismatch")) out.push(warning("MRZ_AND_DATA_EXTRACTED_FROM_OCR_NOT_SAME", NODES.idv, log));
  if (has(scenario, "document_expired")) out.push(warning("DOCUMENT_EXPIRED", NODES.idv, "error"));
  if (has(scenario, "mrz_not_detected")) out.push(warning("MRZ_NOT_DETECTED", NODES.idv, log));
  if (prng.chance(0.15)) out.push(warning("QR_NOT_DETECTED", NODES.idv, "information"));
  return out;
}

function mrzOf({ scenario, person }: FeatureInput, type: string, expires: Date): JsonObject {
  const yymmdd = (iso: string) => iso.slice(2).replaceAll("-", "");
  // A one-character difference between MRZ and visual zone is what the MRZ/OCR warning is about.
  const number = has(scenario, "mrz_mismatch") ? `${person.documentNumber.slice(0, -1)}X` : person.documentNumber;
  return {
    mrz_type: type,
    surname: person.asciiLastName.toUpperCase(),
    name: person.asciiFirstName.toUpperCase(),
    country: person.country,
    nationality: person.country,
    birth_date: yymmdd(person.dateOfBirth),
    expiry_date: yymmdd(isoDate(expires)),
    sex: person.sex,
    document_number: number,
    personal_number: person.personalNumber,
    warnings: [],
    errors: [],
  };
}

function ageAt(dateOfBirth: string, at: Date): number {
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  let age = at.getUTCFullYear() - born.getUTCFullYear();
  const birthdayPassed = at.getUTCMonth() > born.getUTCMonth() || (at.getUTCMonth() === born.getUTCMonth() && at.getUTCDate() >= born.getUTCDate());
  if (!birthdayPassed) age--;
  return age;
}

export function duplicateMatch(prng: Prng, person: Person, created: Date): JsonObject {
  return {
    session_id: uuidFrom(prng),
    session_number: prng.int(100, 999),
    vendor_data: `user-${prng.digits(5)}`,
    verification_date: addDays(created, -prng.int(20, 200)).toISOString(),
    user_details: { full_name: person.fullName, document_type: "P", document_number: `${prng.letters(2)}${prng.digits(7)}` },
    status: "Declined",
    is_blocklisted: false,
    similarity_percentage: prng.int(9200, 9950) / 100,
  };
}
