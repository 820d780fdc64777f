import "server-only";
import { ProviderError } from "../errors";
import { buildCapabilities, defineAdapter, requireSessionId } from "../kit/adapter";
import type { ActionTable } from "../kit/adapter";
import { numberParamOf, parseNumberCursor } from "../kit/paging";
import { DEFAULT_PROVIDER_TIMEOUT_MS } from "../kit/transport";
import type { Transport } from "../kit/transport";
import type { Capabilities, DecisionAction, DecisionRequest, ProviderAction, ProviderAdapter, ProviderCallResult } from "../types";
import { downloadMedia, imageFieldOf, imageUrlOf } from "./media";
import { normalizeDecision, normalizeRow } from "./normalize";
import { DiditDecision, DiditEmptyResponse, DiditSessionList, DiditUpdateStatusResponse, DiditV1Decision } from "./schemas";
import { diditTransport } from "./transport";
import type { DiditCredentials } from "./transport";
import { v1ToV3 } from "./normalize";
import { createDiditWebhookHandler } from "./webhook";
import { PROVIDER_NAMES } from "@/lib/sessions/provider-names";

export { DIDIT_AUTH_BASE_URL } from "./transport";
export type { DiditV1Credentials, DiditV3Credentials } from "./transport";

export type DiditAdapterOptions = DiditCredentials & {
  /** e.g. https://verification.didit.me, or the sandbox's http://127.0.0.1:4010/didit */
  baseUrl: string;
  timeoutMs?: number;
  retries?: number;
  /** Didit has no API to read a key's privileges, so the operator states them (default: all three). */
  privileges?: readonly string[];
  /** The webhook secret key; without it the adapter has no webhook handler. */
  webhookSecret?: string;
};

export const DIDIT_PRIVILEGES = ["read:sessions", "write:sessions", "delete:sessions"] as const;
export type DiditPrivilege = (typeof DIDIT_PRIVILEGES)[number];
export type DiditApiVersion = "v3" | "v1";

const PRIVILEGE_FOR: ActionTable<DiditPrivilege | null> = {
  list: "read:sessions",
  get: "read:sessions",
  media: "read:sessions",
  approve: "write:sessions",
  decline: "write:sessions",
  resubmit: "write:sessions",
  redact: "delete:sessions",
  expire: null,
};

/*
 * Didit sets Expired/Abandoned/Kyc Expired itself: no version has an endpoint to expire a session.
 * v1 (seed 000) only documents the decision read and update-status with Approved/Declined; no list
 * endpoint (UNCONFIRMED) and no delete endpoint were found for it.
 */
const OFFERED: Record<DiditApiVersion, ActionTable<boolean>> = {
  v3: { list: true, get: true, approve: true, decline: true, resubmit: true, expire: false, redact: true, media: true },
  v1: { list: false, get: true, approve: true, decline: true, resubmit: false, expire: false, redact: false, media: true },
};

const MESSAGES = {
  unsupported: {
    list: "Didit's v1 API has no endpoint to list sessions; sessions arrive by webhook or by id.",
    resubmit: "Didit's v1 API cannot request a resubmission (only Approved and Declined); use the v3 API.",
    expire: "Didit has no API to expire a session; Didit expires sessions itself.",
    redact: "Didit's v1 API has no endpoint to delete a session; use the v3 API.",
  },
  unsupportedOtherwise: (action: ProviderAction) => `Didit does not offer ${action} for sessions.`,
  notAllowed: (action: ProviderAction) => `The configured Didit credentials lack ${PRIVILEGE_FOR[action] ?? "a privilege"}, which this action needs.`,
};

const keyMayCall = (privileges: readonly string[]) => (action: ProviderAction) => {
  const privilege = PRIVILEGE_FOR[action];
  return privilege !== null && privileges.includes(privilege);
};

/** Didit has no API to read a key's privileges, so `privileges` is what the operator states. */
export function diditCapabilities(privileges: readonly string[], apiVersion: DiditApiVersion = "v3"): Capabilities {
  return buildCapabilities(OFFERED[apiVersion], keyMayCall(privileges));
}

const PAGE_SIZE = 50;
const OFFSET = /^\d+$/;

export function createDiditAdapter(options: DiditAdapterOptions): ProviderAdapter {
  const version: DiditApiVersion = options.apiVersion ?? "v3";
  const send = diditTransport({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, retries: options.retries }, options);
  const readDecision = async (providerSessionId: string): Promise<DiditDecision> => {
    const path = `${sessionPath(version, providerSessionId)}/decision/`;
    if (version === "v1") return v1ToV3(await send({ path, schema: DiditV1Decision }));
    return send({ path, schema: DiditDecision });
  };

  return defineAdapter({
    id: "didit",
    displayName: PROVIDER_NAMES.didit,
    offered: OFFERED[version],
    allowedByKey: keyMayCall(options.privileges ?? DIDIT_PRIVILEGES),
    messages: MESSAGES,
    operations: {
      async listSessions(cursor) {
        const offset = parseNumberCursor(cursor, { provider: "didit", providerName: "Didit", first: 0, pattern: OFFSET });
        const page = await send({ path: "/v3/sessions/", schema: DiditSessionList, query: { limit: PAGE_SIZE, offset } });
        return { sessions: page.results.map(normalizeRow), nextCursor: nextCursor(page, offset) };
      },
      getSession: async (providerSessionId) => normalizeDecision(await readDecision(providerSessionId)),
      decide: (providerSessionId, request) => updateStatus(send, version, providerSessionId, request),
      redact: (providerSessionId) => deleteSession(send, providerSessionId),
      /** Re-reads the decision for a fresh presigned link on every call; the link never leaves here. */
      async fetchMedia(providerSessionId, mediaKey) {
        const field = imageFieldOf(mediaKey);
        if (!field) throw new ProviderError("didit", "not_found", "Didit has no image by that name.");
        const url = imageUrlOf(await readDecision(providerSessionId), field);
        return downloadMedia(url, options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS);
      },
    },
    ...(options.webhookSecret ? { webhook: createDiditWebhookHandler(options.webhookSecret) } : {}),
  });
}

/** Follows Didit's own `next` link when it carries an offset, so a changed page size on their side still pages correctly. */
function nextCursor(page: DiditSessionList, offset: number): string | null {
  if (!page.next || page.results.length === 0) return null;
  const linked = numberParamOf(page.next, "offset", OFFSET);
  return String(linked !== null && linked > offset ? linked : offset + page.results.length);
}

function sessionPath(version: DiditApiVersion, providerSessionId: string): string {
  return `/${version}/session/${encodeURIComponent(requireSessionId("didit", "Didit", providerSessionId))}`;
}

const NEW_STATUS: Record<DecisionAction, "Approved" | "Declined" | "Resubmitted"> = {
  approve: "Approved",
  decline: "Declined",
  resubmit: "Resubmitted",
};

// Didit's words for a repeated status. Another docs page calls it a silent 200; both mean "no change".
const SAME_STATUS = /same as the current status/i;

/**
 * Didit keeps one free-text comment per review and has no reason-code field, so the code goes in
 * front ("[DOCUMENT_EXPIRED] …"): our convention, so Didit's console shows why as well.
 */
function reviewComment({ reasonCode, comment }: DecisionRequest): string {
  const code = reasonCode.trim();
  return [code ? `[${code}]` : "", comment.trim()].filter(Boolean).join(" ");
}

/**
 * PATCH …/update-status/. Not retried (a decision is not idempotent on Didit's side), and Didit
 * takes no idempotency key: a replay of the same decision is recognised by Didit's same-status 400.
 */
async function updateStatus(send: Transport, version: DiditApiVersion, providerSessionId: string, request: DecisionRequest): Promise<ProviderCallResult> {
  const path = `${sessionPath(version, providerSessionId)}/update-status/`;
  const newStatus = NEW_STATUS[request.action];
  const body = { new_status: newStatus, comment: reviewComment(request) };
  try {
    const response = await send({ path, method: "PATCH", body, schema: DiditUpdateStatusResponse, retries: 0 });
    return { providerResponse: { session_id: response.session_id ?? providerSessionId, new_status: newStatus, changed: true } };
  } catch (error) {
    if (!(error instanceof ProviderError) || error.kind !== "rejected") throw error;
    const detail = error.options.providerMessage;
    if (error.options.status === 400 && detail !== undefined && SAME_STATUS.test(detail)) {
      return { providerResponse: { session_id: providerSessionId, new_status: newStatus, changed: false, detail } };
    }
    const message = detail ? `Didit refused the status change: ${detail}` : error.message;
    throw new ProviderError("didit", "rejected", message, error.options);
  }
}

/**
 * DELETE /v3/session/{id}/delete/ → 204. Didit answers a second delete with 404; since the end
 * state is the same (gone from every read), a 404 counts as "already deleted". Caveat: Didit also
 * answers 404 for a session outside the key's scope, which this cannot tell apart.
 */
async function deleteSession(send: Transport, providerSessionId: string): Promise<ProviderCallResult> {
  const path = `${sessionPath("v3", providerSessionId)}/delete/`;
  try {
    await send({ path, method: "DELETE", schema: DiditEmptyResponse, retries: 0 });
    return { providerResponse: { session_id: providerSessionId, deleted: true } };
  } catch (error) {
    if (error instanceof ProviderError && error.kind === "not_found") {
      return { providerResponse: { session_id: providerSessionId, deleted: true, alreadyDeleted: true } };
    }
    throw error;
  }
}
