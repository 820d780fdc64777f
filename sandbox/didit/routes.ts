import { sendJson, sendRedirect } from "../http";
import type { ProviderMount, SandboxRequest } from "../router";
import { checkApiKey, checkBearer, issueToken } from "./auth";
import { listSessions } from "./list";
import { serveMedia } from "./media";
import { renderDecision } from "./render";
import { findSession } from "./types";
import type { DiditState } from "./types";
import { updateStatus } from "./update-status";
import { renderV1Decision } from "./v1";

type Handler = (state: DiditState, request: SandboxRequest, sessionId: string) => void | Promise<void>;
/** apiKey: v3 `x-api-key`; bearer: v1 client token; client: the token endpoint checks Basic itself. */
type Route = { pattern: RegExp; auth: "apiKey" | "bearer" | "client"; methods: Partial<Record<string, Handler>> };

const MEDIA_PATH = /^\/media\/([^/]+)\/([a-z_]+)\.png$/;

/** The last group of every pattern is the trailing slash Didit's URLs end in. */
const ROUTES: readonly Route[] = [
  { pattern: /^\/v3\/sessions(\/?)$/, auth: "apiKey", methods: { GET: (state, request) => listSessions(state, request, contextOf(state, request)) } },
  { pattern: /^\/v3\/session\/([^/]+)\/decision(\/?)$/, auth: "apiKey", methods: { GET: decision("v3") } },
  { pattern: /^\/v3\/session\/([^/]+)\/update-status(\/?)$/, auth: "apiKey", methods: { PATCH: (s, r, id) => updateStatus(s, r, id, "v3") } },
  { pattern: /^\/v3\/session\/([^/]+)\/delete(\/?)$/, auth: "apiKey", methods: { DELETE: deleteSession } },
  { pattern: /^\/v1\/session\/([^/]+)\/decision(\/?)$/, auth: "bearer", methods: { GET: decision("v1") } },
  { pattern: /^\/v1\/session\/([^/]+)\/update-status(\/?)$/, auth: "bearer", methods: { PATCH: (s, r, id) => updateStatus(s, r, id, "v1") } },
  { pattern: /^\/auth\/v2\/token(\/?)$/, auth: "client", methods: { POST: (state, request) => issueToken(state, request) } },
];

export function createDiditMount(state: DiditState): ProviderMount {
  return { prefix: "/didit", handle: (request) => handle(state, request) };
}

async function handle(state: DiditState, request: SandboxRequest): Promise<void> {
  const { res, path, method } = request;
  state.publicBaseUrl = request.baseUrl;
  const media = MEDIA_PATH.exec(path);
  // Presigned like S3: the signature is the credential, no x-api-key.
  if (media) return serveMedia(state, request, safeDecode(media[1]), media[2] ?? "");

  const found = match(path);
  if (!found) return sendJson(res, 404, { detail: "Not found." });
  // Django's APPEND_SLASH answers before any view (and so before auth) runs.
  if (!found.slash) return sendRedirect(res, 301, `${request.url.pathname}/${request.url.search}`);

  const { route, sessionId } = found;
  const denied = route.auth === "apiKey" ? checkApiKey(state, request.req) : route.auth === "bearer" ? checkBearer(state, request.req) : null;
  // v3 refuses keys with 403 (its OpenAPI); the v1 token auth answers 401 with a challenge, as DRF does.
  if (denied && route.auth === "apiKey") return sendJson(res, 403, { detail: denied });
  if (denied) return sendJson(res, 401, { detail: denied }, { "www-authenticate": 'Bearer realm="api"' });
  const handler = route.methods[method];
  if (!handler) return sendJson(res, 405, { detail: `Method "${method}" not allowed.` });
  await handler(state, request, sessionId);
}

function match(path: string): { route: Route; sessionId: string; slash: boolean } | null {
  for (const route of ROUTES) {
    const groups = route.pattern.exec(path);
    if (!groups) continue;
    const slash = groups[groups.length - 1] === "/";
    return { route, slash, sessionId: groups.length > 2 ? safeDecode(groups[1]) : "" };
  }
  return null;
}

function contextOf(state: DiditState, request: SandboxRequest) {
  return { baseUrl: request.baseUrl, mediaSecret: state.mediaSecret };
}

function decision(version: "v1" | "v3"): Handler {
  return (state, request, sessionId) => {
    const record = findSession(state, sessionId);
    if (!record) return sendJson(request.res, 404, { detail: "Not found." });
    const ctx = contextOf(state, request);
    sendJson(request.res, 200, version === "v1" ? renderV1Decision(record, ctx) : renderDecision(record, ctx));
  };
}

/** Soft delete as Didit does it: gone from every read (list, decision, media), no webhook. */
function deleteSession(state: DiditState, request: SandboxRequest, sessionId: string): void {
  const index = state.sessions.findIndex((session) => session.sessionId === sessionId);
  if (index < 0) return sendJson(request.res, 404, { detail: "Not found." });
  state.sessions.splice(index, 1);
  request.res.writeHead(204);
  request.res.end();
}

/** A malformed escape is just an id that matches nothing (404), not a server error. */
function safeDecode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    return "";
  }
}
