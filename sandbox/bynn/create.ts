import type { IncomingMessage } from "node:http";
import { cardPng } from "../generate/png";
import { sendJson } from "../http";
import type { JsonObject } from "../json";
import type { WebhookDelivery } from "../provider";
import type { SandboxRequest } from "../router";
import { buildRecord } from "./generator";
import { runSteps } from "./lifecycle";
import { scenario } from "./scenarios";
import type { BynnIssue, BynnSessionRecord, BynnState } from "./types";

const MAX_BODY_BYTES = 64 * 1024;
const LATENT_ISSUES: readonly BynnIssue[] = ["vpn", "aml_match", "security_checks", "mrz_mismatch", "liveness_failed"];
const APPLICANT_FIELDS = ["first_name", "last_name", "date_of_birth", "email_address", "phone_number", "country_code"] as const;

/** A new session in `session.created`, with what Bynn would send about it. */
export function newSession(state: BynnState, overrides: { kycLevel?: string; uniqueId?: string | null; applicant?: JsonObject } = {}) {
  const index = state.nextIndex++;
  const prng = state.prng;
  const issues = prng.chance(0.5) ? [prng.pick(LATENT_ISSUES)] : [];
  const now = state.clock();
  const planned = scenario("session.created", issues);
  const record = buildRecord(prng, { scenario: planned, index, levels: state.kycLevels, now, createdAt: now });
  if (overrides.kycLevel) {
    record.kycLevel = overrides.kycLevel;
    record.withProofOfAddress = overrides.kycLevel === state.kycLevels.withAddress;
  }
  if (overrides.uniqueId !== undefined) record.uniqueId = overrides.uniqueId;
  if (overrides.applicant) adoptApplicant(record, overrides.applicant);
  state.sessions.unshift(record);
  const deliveries: WebhookDelivery[] = runSteps(state, record, ["session.created"]);
  return { record, deliveries };
}

/** The document then shows the same person the integrator named (mismatches come from the scenario only). */
function adoptApplicant(record: BynnSessionRecord, given: JsonObject): void {
  record.applicant = Object.fromEntries(Object.entries(given).filter(([, value]) => typeof value === "string"));
  const first = typeof given.first_name === "string" ? given.first_name : null;
  const last = typeof given.last_name === "string" ? given.last_name : null;
  if (first) record.person.firstName = first;
  if (last) record.person.lastName = last;
  if (first || last) record.person.fullName = [first, last].filter(Boolean).join(" ");
  if (typeof given.date_of_birth === "string") record.person.dateOfBirth = given.date_of_birth;
}

/** POST /v1/sessions — takes the public (or private) key; only kyc_level is required. */
export async function createSessionFromApi(state: BynnState, request: SandboxRequest): Promise<void> {
  const body = await readJson(request.req);
  if (body === null) return sendJson(request.res, 422, { error: { type: "invalid_request", message: "Body must be a JSON object." } });
  const kycLevel = body.kyc_level;
  if (typeof kycLevel !== "string" || kycLevel === "") {
    return sendJson(request.res, 422, { error: { type: "invalid_request", message: "kyc_level is required." } });
  }
  if (kycLevel !== state.kycLevels.basic && kycLevel !== state.kycLevels.withAddress) {
    return sendJson(request.res, 404, { error: { type: "not_found", message: "No KYC level found for this token." } });
  }
  const applicant: JsonObject = {};
  for (const field of APPLICANT_FIELDS) if (typeof body[field] === "string") applicant[field] = body[field];
  const uniqueId = typeof body.unique_id === "string" ? body.unique_id : null;
  const { record, deliveries } = newSession(state, { kycLevel, uniqueId, applicant });
  state.emit(deliveries);
  sendJson(request.res, 200, {
    session_id: record.sessionId,
    url: `${request.baseUrl}/verify/${record.sessionId}`,
    websocket_url: `${request.baseUrl.replace(/^http/, "ws")}/cable?session_id=${record.sessionId}`,
    ...(body.generate_qr === true ? { qr_base64_png: cardPng(29, 29, [0, 0, 0]).toString("base64") } : {}),
    branding: { primary_color: "#0B5FFF", logo_url: null },
  });
}

/**
 * POST /v1/sessions/{id}: new applicant details for a session still in the flow (`kyc_level`
 * cannot change). The caller has already answered 404/410 for unknown and gone sessions.
 */
export async function updateSessionFromApi(state: BynnState, request: SandboxRequest, record: BynnSessionRecord): Promise<void> {
  const body = await readJson(request.req);
  if (body === null) return sendJson(request.res, 422, { error: { type: "invalid_request", message: "Body must be a JSON object." } });
  const refuse = (message: string) => sendJson(request.res, 422, { error: { type: "invalid_request", message } });
  if ("kyc_level" in body) return refuse("kyc_level cannot be changed; cancel and create a new session.");
  if (record.status !== "session.created" && record.status !== "session.consent.accept") {
    return refuse("Applicant details can no longer be changed.");
  }
  for (const field of APPLICANT_FIELDS) {
    if (typeof body[field] === "string") record.applicant[field] = body[field];
  }
  record.updatedAt = new Date(Math.max(state.clock().getTime(), record.updatedAt.getTime() + 1));
  sendJson(request.res, 200, { session_id: record.sessionId, status: "updated" });
}

async function readJson(req: IncomingMessage): Promise<JsonObject | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : null;
  } catch {
    return null;
  }
}
