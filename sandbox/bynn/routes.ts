import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { sendJson } from "../http";
import type { ProviderMount, SandboxRequest } from "../router";
import { createSessionFromApi, updateSessionFromApi } from "./create";
import { applyStatus, cancelRefusal } from "./lifecycle";
import { serveMedia, signedMedia } from "./media";
import { preflightJson } from "./preflight";
import { identityDocumentJson, sessionJson } from "./render";
import type { BynnSessionRecord, BynnState } from "./types";

const MEDIA_PATH = /^\/media\/([^/]+)\/([a-z_]+)\.png$/;
const SESSION_PATH = /^\/v1\/sessions\/([^/]+)(\/preflight)?$/;
const DOCUMENT_PATH = /^\/v1\/identity_document\/([^/]+)$/;

type KeyFamily = "private" | "public";

export function createBynnMount(state: BynnState): ProviderMount {
  return { prefix: "/bynn", handle: (request) => handle(state, request) };
}

async function handle(state: BynnState, request: SandboxRequest): Promise<void> {
  const { path, method } = request;
  const media = MEDIA_PATH.exec(path);
  if (media && method === "GET") return serveMedia(state, request, safeDecode(media[1]), media[2] ?? "");

  if (path === "/v1/sessions") {
    if (method !== "POST") return fail(request, 405, "method_not_allowed", `Method ${method} is not allowed here.`);
    const family = authenticate(state, request.req);
    if (typeof family !== "string") return fail(request, 401, "authentication_error", family.error);
    return createSessionFromApi(state, request);
  }

  const session = SESSION_PATH.exec(path);
  if (session) {
    const record = state.sessions.find((candidate) => candidate.sessionId === safeDecode(session[1]));
    // Preflight is authorised by the session token in the path, not by an API key.
    if (session[2]) return preflight(request, record);
    const denied = requirePrivateKey(state, request.req);
    if (denied) return fail(request, 401, "authentication_error", denied);
    if (method === "GET") return readSession(request, record);
    if (method === "DELETE") return cancelSession(state, request, record);
    if (method === "POST") return updateSession(state, request, record);
    return fail(request, 405, "method_not_allowed", `Method ${method} is not allowed here.`);
  }

  const document = DOCUMENT_PATH.exec(path);
  if (document) {
    const denied = requirePrivateKey(state, request.req);
    if (denied) return fail(request, 401, "authentication_error", denied);
    if (method !== "GET") return fail(request, 405, "method_not_allowed", `Method ${method} is not allowed here.`);
    return readDocument(state, request, safeDecode(document[1]));
  }
  return fail(request, 404, "not_found", "No such endpoint.");
}

function readSession(request: SandboxRequest, record: BynnSessionRecord | undefined): void {
  if (!record) return fail(request, 404, "not_found", "No session found for this token.");
  const gone = goneError(record);
  if (gone) return fail(request, 410, gone.type, gone.message);
  sendJson(request.res, 200, sessionJson(record));
}

function updateSession(state: BynnState, request: SandboxRequest, record: BynnSessionRecord | undefined): Promise<void> | void {
  if (!record) return fail(request, 404, "not_found", "No session found for this token.");
  const gone = goneError(record);
  if (gone) return fail(request, 410, gone.type, gone.message);
  return updateSessionFromApi(state, request, record);
}

function preflight(request: SandboxRequest, record: BynnSessionRecord | undefined): void {
  if (request.method !== "GET") return fail(request, 405, "method_not_allowed", `Method ${request.method} is not allowed here.`);
  if (!record) return fail(request, 404, "not_found", "No session found for this token.");
  sendJson(request.res, 200, preflightJson(record));
}

function cancelSession(state: BynnState, request: SandboxRequest, record: BynnSessionRecord | undefined): void {
  if (!record) return fail(request, 404, "not_found", "No session found for this token.");
  const refusal = cancelRefusal(record);
  if (refusal) return fail(request, refusal.status, refusal.type, refusal.message);
  const deliveries = applyStatus(state, record, "session.canceled");
  state.emit(deliveries);
  sendJson(request.res, 200, { session_id: record.sessionId, status: "canceled" });
}

function readDocument(state: BynnState, request: SandboxRequest, documentId: string): void {
  const record = state.sessions.find((candidate) => candidate.ids.identityDocument === documentId);
  const document = record ? identityDocumentJson(record) : null;
  if (!record || !document || goneError(record)) return fail(request, 404, "not_found", "No identity document found for this token.");
  const media = (document.media as Array<{ type: string }>).map((item) => signedMedia(state, request.baseUrl, documentId, item.type));
  sendJson(request.res, 200, { ...document, media });
}

/** Canceled and consent-refused sessions answer 410: a normal end, not an error to retry. */
function goneError(record: BynnSessionRecord): { type: string; message: string } | null {
  if (record.status === "session.canceled") return { type: "session_canceled", message: "This session has been canceled." };
  if (record.status === "session.consent.reject") {
    return { type: "consent_rejected", message: "The applicant refused consent for this session." };
  }
  return null;
}

function fail(request: SandboxRequest, status: number, type: string, message: string): void {
  sendJson(request.res, status, { error: { type, message } });
}

function requirePrivateKey(state: BynnState, req: IncomingMessage): string | null {
  const family = authenticate(state, req);
  if (typeof family !== "string") return family.error;
  return family === "private" ? null : "This endpoint requires a private API key; a public key was given.";
}

/** Bearer, or HTTP Basic with the key as user name and an empty password. */
function authenticate(state: BynnState, req: IncomingMessage): KeyFamily | { error: string } {
  const header = req.headers.authorization ?? "";
  const [scheme, value = ""] = header.split(/\s+/, 2);
  let key = "";
  if (scheme?.toLowerCase() === "bearer") key = value;
  if (scheme?.toLowerCase() === "basic") key = Buffer.from(value, "base64").toString("utf8").split(":")[0] ?? "";
  if (!key) return { error: "No API key provided. Send it as Authorization: Bearer <key>." };
  if (sameSecret(key, state.apiKey)) return "private";
  if (sameSecret(key, state.publicApiKey)) return "public";
  return { error: "Invalid API key provided." };
}

/** Compare digests so neither timing nor length says anything about the key. */
function sameSecret(given: string, wanted: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(wanted));
}

function safeDecode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    return "";
  }
}
