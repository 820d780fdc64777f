import { addDays, isoMicros } from "../generate/dates";
import type { Json, JsonObject } from "../json";
import { amlScreening, faceMatch, ipAnalysis, livenessCheck } from "./checks";
import { has, idVerification, unfinished } from "./features";
import type { FeatureInput } from "./features";
import { reviewsFor } from "./reviews";

export type DecisionInput = Omit<FeatureInput, "expected"> & {
  sessionId: string;
  sessionNumber: number;
  token: string;
  workflowId: string;
  vendorData: string | null;
  now: Date;
};

const WORKFLOW_FEATURES = ["ID_VERIFICATION", "LIVENESS", "FACE_MATCH", "AML", "IP_ANALYSIS"];
const SESSION_LIFETIME_DAYS = 30;

/** A KYC decision in Didit's v3 shape (GET /v3/session/{id}/decision/). */
export function buildDecision(input: DecisionInput): JsonObject {
  const { prng, scenario, person, created } = input;
  const expected = expectedDetails(input);
  const features = featureBlocks({ ...input, expected });
  return {
    session_id: input.sessionId,
    session_kind: "user",
    session_number: input.sessionNumber,
    session_url: `@verify/${input.token}`,
    status: scenario.status,
    environment: "sandbox",
    workflow_id: input.workflowId,
    features: WORKFLOW_FEATURES,
    vendor_data: input.vendorData,
    metadata: prng.chance(0.5) ? { account_tier: prng.pick(["standard", "premium"]) } : null,
    expected_details: expected,
    contact_details: { email: person.email, email_lang: "en", send_notification_emails: false, phone: person.phone },
    callback: null,
    ...features,
    reviews: reviewsFor(prng, scenario, person, created, input.now),
    created_at: isoMicros(created, prng.int(0, 999)),
    expires_at: isoMicros(addDays(created, SESSION_LIFETIME_DAYS), 0),
  };
}

/**
 * What the integrator sent when creating the session. Left out now and then (it is optional),
 * except where a mismatch against it is the point of the scenario.
 */
function expectedDetails(input: DecisionInput): JsonObject | null {
  const { prng, scenario, person } = input;
  const needed = has(scenario, "dob_mismatch", "transliterated_name");
  if (!needed && prng.chance(0.2)) return null;
  const transliterate = has(scenario, "transliterated_name");
  return {
    first_name: transliterate ? person.asciiFirstName : person.firstName,
    last_name: transliterate ? person.asciiLastName : person.lastName,
    date_of_birth: has(scenario, "dob_mismatch") ? shiftDay(person.dateOfBirth) : person.dateOfBirth,
    nationality: person.country,
  };
}

/** A plausible typo: the day one off, still a valid date. */
function shiftDay(isoDate: string): string {
  const day = Number(isoDate.slice(8, 10));
  const shifted = day === 1 ? 2 : day - 1;
  return `${isoDate.slice(0, 8)}${String(shifted).padStart(2, "0")}`;
}

/** The feature blocks for how far the applicant got (`scenario.stage`). */
export function featureBlocks(input: FeatureInput): Record<string, Json> {
  const stage = input.scenario.stage;
  const blocks: Record<string, Json> = {
    id_verifications: null,
    nfc_verifications: null,
    liveness_checks: null,
    face_matches: null,
    poa_verifications: null,
    document_ai_documents: null,
    phone_verifications: null,
    email_verifications: null,
    aml_screenings: null,
    ip_analyses: null,
    database_validations: null,
    questionnaire_responses: null,
  };
  if (stage === "none") return blocks;
  const idv = idVerification(input);
  if (stage === "started") return { ...blocks, id_verifications: [unfinished(idv)] };
  if (stage === "partial") return { ...blocks, id_verifications: [idv], liveness_checks: [unfinished(livenessCheck(input))] };
  return {
    ...blocks,
    id_verifications: [idv],
    liveness_checks: [livenessCheck(input)],
    face_matches: [faceMatch(input)],
    aml_screenings: [amlScreening(input)],
    ip_analyses: [ipAnalysis(input)],
  };
}
