import { createHash, timingSafeEqual } from "node:crypto";
import type { ProviderMount, SandboxRequest } from "../router";
import { ACTION_SCOPE, ACTIONS, runAction } from "./actions";
import type { ActionName } from "./actions";
import { sendDocument, sendError } from "./errors";
import { listSessions } from "./list";
import { serveFile } from "./media";
import { sessionDocument } from "./resources";
import type { BelticState } from "./types";

const FILE_PATH = /^\/files\/([^/]+)$/;
const LIST_PATH = /^\/v1\/identity\/sessions\/?$/;
const SESSION_PATH = /^\/v1\/identity\/sessions\/([^/]+)(?:\/([a-z_]+))?\/?$/;
const INCLUDABLE = ["documents", "verifications", "account"];

export function createBelticMount(state: BelticState): ProviderMount {
  return { prefix: "/beltic", handle: (request) => handle(state, request) };
}

async function handle(state: BelticState, request: SandboxRequest): Promise<void> {
  const { res, path, method } = request;
  // Links in later webhooks point where clients reach us.
  state.publicBaseUrl = request.baseUrl;
  const file = FILE_PATH.exec(path);
  // Presigned like files.beltic.com: the signature is the credential, no X-Api-Key.
  if (file) {
    if (method !== "GET") return sendError(res, 405, "method_not_allowed", "Use GET.");
    return serveFile(state, request, safeDecode(file[1]));
  }

  const denied = authenticate(state, request);
  if (denied) return sendError(res, 401, "unauthorized", denied);

  if (LIST_PATH.test(path)) {
    if (method !== "GET") return sendError(res, 405, "method_not_allowed", `${method} is not allowed here.`);
    if (!hasScope(state, request, "sessions:read")) return;
    return listSessions(state, request);
  }
  const match = SESSION_PATH.exec(path);
  if (!match) return sendError(res, 404, "not_found", "The requested resource does not exist.");
  const action = match[2];
  if (action !== undefined && !ACTIONS.includes(action as ActionName)) {
    return sendError(res, 404, "not_found", "The requested resource does not exist.");
  }
  const wanted = action === undefined ? "GET" : "POST";
  if (method !== wanted) return sendError(res, 405, "method_not_allowed", `${method} is not allowed here.`);
  const scope = action === undefined ? "sessions:read" : ACTION_SCOPE[action as ActionName];
  if (!hasScope(state, request, scope)) return;

  const record = state.sessions.find((session) => session.id === safeDecode(match[1]));
  if (!record) return sendError(res, 404, "not_found", "Session not found.");
  if (action !== undefined) return runAction(state, request, record, action as ActionName);

  const include = request.url.searchParams.get("include")?.split(",").filter(Boolean) ?? [];
  const unknown = include.find((name) => !INCLUDABLE.includes(name));
  if (unknown) return sendError(res, 400, "invalid_include", `Cannot include "${unknown}".`);
  sendDocument(res, sessionDocument(record, { baseUrl: request.baseUrl, mediaSecret: state.mediaSecret }, include));
}

/** Returns the error detail, or null when the key is right. */
function authenticate(state: BelticState, request: SandboxRequest): string | null {
  const header = request.req.headers["x-api-key"];
  const given = Array.isArray(header) ? header[0] : header;
  if (!given) return "Missing API key. Send it in the X-Api-Key header.";
  // Compare digests so neither timing nor length says anything about the key.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(state.apiKey)) ? null : "Invalid API key.";
}

function hasScope(state: BelticState, request: SandboxRequest, scope: string): boolean {
  if (state.scopes.includes(scope)) return true;
  sendError(request.res, 403, "insufficient_scope", `This API key does not have the ${scope} permission.`);
  return false;
}

/** A malformed escape is just an id that matches nothing (404), not a server error. */
function safeDecode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    return "";
  }
}
