import type { IncomingMessage } from "node:http";
import type { SandboxRequest } from "../router";
import { sendDocument, sendError } from "./errors";
import { DECIDABLE, EXPIRABLE } from "./lifecycle";
import { sessionResource } from "./resources";
import { moveTo, redact } from "./transitions";
import type { BelticSessionRecord, BelticState } from "./types";

export const ACTIONS = ["approve", "decline", "expire", "redact"] as const;
export type ActionName = (typeof ACTIONS)[number];

/** `sessions:decide` is documented for approve/decline; `sessions:write` for expire/redact is UNCONFIRMED. */
export const ACTION_SCOPE: Record<ActionName, string> = {
  approve: "sessions:decide",
  decline: "sessions:decide",
  expire: "sessions:write",
  redact: "sessions:write",
};

const MAX_BODY_BYTES = 64 * 1024;
const PAST: Record<ActionName, string> = { approve: "approved", decline: "declined", expire: "expired", redact: "redacted" };

type Failure = { status: number; code: string; detail: string };

/** POST /v1/identity/sessions/{id}/{action}. Body (UNCONFIRMED): `{meta: {reason, comment}}`, optional. */
export async function runAction(state: BelticState, request: SandboxRequest, record: BelticSessionRecord, action: ActionName) {
  const { res } = request;
  const body = await readJson(request.req);
  if (body === TOO_LARGE) return sendError(res, 413, "payload_too_large", "The request body is too large.");
  if (body === INVALID) return sendError(res, 400, "invalid_json", "The request body is not valid JSON.");
  const key = header(request.req, "idempotency-key");
  const cacheKey = key ? `${action}:${record.id}:${key}` : null;
  const replay = cacheKey ? state.idempotent.get(cacheKey) : undefined;
  if (replay) return sendDocument(res, replay);

  const failure = apply(state, record, action, metaOf(body));
  if (failure) return sendError(res, failure.status, failure.code, failure.detail);
  const answer = { data: sessionResource(record) };
  if (cacheKey) state.idempotent.set(cacheKey, answer);
  sendDocument(res, answer);
}

function apply(state: BelticState, record: BelticSessionRecord, action: ActionName, meta: Meta): Failure | null {
  if (action === "redact") {
    // Redacting twice changes nothing and sends nothing: the data is already gone.
    if (!record.timestamps.redacted_at) state.onDelivery(redact(state, record));
    return null;
  }
  if (record.timestamps.redacted_at) return { status: 422, code: "session_redacted", detail: "The session has been redacted." };
  const allowed = action === "expire" ? EXPIRABLE : DECIDABLE;
  if (!allowed.includes(record.status)) {
    const detail = `Session cannot be ${PAST[action]} while its status is ${record.status}.`;
    return { status: 422, code: "invalid_status_transition", detail };
  }
  if (action === "expire") {
    state.onDelivery(moveTo(state, record, "expired"));
    return null;
  }
  record.decision = { action, reason: meta.reason, comment: meta.comment };
  state.onDelivery(moveTo(state, record, action === "approve" ? "approved" : "declined"));
  return null;
}

type Meta = { reason: string | null; comment: string | null };

function metaOf(body: unknown): Meta {
  const meta = (body as { meta?: Record<string, unknown> } | null)?.meta;
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return { reason: text(meta?.reason), comment: text(meta?.comment) };
}

const TOO_LARGE = Symbol("too large");
const INVALID = Symbol("invalid");

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return TOO_LARGE;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
