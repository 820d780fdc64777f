import "server-only";
import { z } from "zod";
import { ProviderError } from "../errors";
import { buildCapabilities, defineAdapter, requireSessionId } from "../kit/adapter";
import type { ActionTable } from "../kit/adapter";
import { DEFAULT_PROVIDER_TIMEOUT_MS } from "../kit/transport";
import type { Capabilities, ProviderAction, ProviderAdapter, ProviderCallResult } from "../types";
import { download, downloadUrlOf } from "./media";
import { normalizeSession } from "./normalize";
import { BelticSession, BelticSessionDocument, BelticSessionList } from "./schemas";
import { belticTransport } from "./transport";
import { createBelticWebhook } from "./webhook";
import type { BelticSignatureEncoding } from "./webhook";
import { PROVIDER_NAMES } from "@/lib/sessions/provider-names";

/**
 * Key scopes. `sessions:decide` is documented (approve/decline); `sessions:read` and
 * `sessions:write` are UNCONFIRMED names for reading and for expire/redact.
 */
export const BELTIC_SCOPES = ["sessions:read", "sessions:write", "sessions:decide"] as const;
export type BelticScope = (typeof BELTIC_SCOPES)[number];

export type BelticAdapterOptions = {
  /** `sk_production_…` / `sk_staging_…`, sent as X-Api-Key. */
  apiKey: string;
  /** Default https://api.beltic.com (one base URL for both environments), or the sandbox's …/beltic. */
  baseUrl?: string;
  /** Beltic has no API to read a key's scopes, so the operator states them. Default: all of BELTIC_SCOPES. */
  scopes?: readonly string[];
  timeoutMs?: number;
  retries?: number;
  /** page[size] for listing, 1–100. Default 50. */
  pageSize?: number;
  /** Enables `webhook`; without it Verdict answers 404 to Beltic webhooks. */
  webhookSecret?: string;
  webhookToken?: string;
  signatureEncoding?: BelticSignatureEncoding;
};

export const BELTIC_DEFAULT_BASE_URL = "https://api.beltic.com";
const SESSIONS_PATH = "/v1/identity/sessions";
/** UNCONFIRMED: the include names, taken from the session's relationship names. */
const INCLUDE = "documents,verifications";
const DEFAULT_PAGE_SIZE = 50;

const OFFERED: ActionTable<boolean> = {
  list: true,
  get: true,
  approve: true,
  decline: true,
  // No resubmission API: a verification answering `requires_retry` is the applicant's cue, not ours.
  resubmit: false,
  expire: true,
  redact: true,
  media: true,
};

const SCOPE_FOR: ActionTable<BelticScope | null> = {
  list: "sessions:read",
  get: "sessions:read",
  media: "sessions:read",
  approve: "sessions:decide",
  decline: "sessions:decide",
  expire: "sessions:write",
  redact: "sessions:write",
  resubmit: null,
};

const MESSAGES = {
  unsupported: { resubmit: "Beltic has no API to request a resubmission." },
  unsupportedOtherwise: (action: ProviderAction) => `Beltic has no API to ${action}.`,
  notAllowed: (action: ProviderAction) => `The Beltic API key is not configured with the ${SCOPE_FOR[action] ?? ""} scope needed to ${action}.`,
};

const keyMayCall = (scopes: readonly string[]) => (action: ProviderAction) => {
  const scope = SCOPE_FOR[action];
  return scope !== null && scopes.includes(scope);
};

export function belticCapabilities(scopes: readonly string[]): Capabilities {
  return buildCapabilities(OFFERED, keyMayCall(scopes));
}

const SessionResponse = z.looseObject({ data: BelticSession });

export function createBelticAdapter(options: BelticAdapterOptions): ProviderAdapter {
  const baseUrl = options.baseUrl ?? BELTIC_DEFAULT_BASE_URL;
  const request = belticTransport({ baseUrl, timeoutMs: options.timeoutMs, retries: options.retries }, options.apiKey);
  const pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)));
  const sessionPath = (id: string, action = "") => `${SESSIONS_PATH}/${encodeURIComponent(requireSessionId("beltic", "Beltic", id))}${action}`;
  const fetchSession = (id: string) => request({ path: sessionPath(id), query: { include: INCLUDE }, schema: BelticSessionDocument });
  const act = async (id: string, action: string, body?: unknown, headers?: Record<string, string>) => {
    const path = sessionPath(id, `/${action}`);
    const response = await request({ path, method: "POST", body: body ?? {}, headers, schema: SessionResponse, retries: 0 });
    return evidenceOf(response.data);
  };

  return defineAdapter({
    id: "beltic",
    displayName: PROVIDER_NAMES.beltic,
    offered: OFFERED,
    allowedByKey: keyMayCall(options.scopes ?? BELTIC_SCOPES),
    messages: MESSAGES,
    operations: {
      async listSessions(cursor) {
        const query = { "page[size]": pageSize, "page[after]": cursor || undefined };
        const page = await request({ path: SESSIONS_PATH, query, schema: BelticSessionList });
        return { sessions: page.data.map((session) => normalizeSession(session, null)), nextCursor: nextCursor(page) };
      },
      async getSession(providerSessionId) {
        const document = await fetchSession(providerSessionId);
        return normalizeSession(document.data, document.included ?? []);
      },
      async decide(providerSessionId, decision) {
        // UNCONFIRMED: the reference shows no body; reason and comment travel as JSON:API meta.
        const body = { meta: { reason: decision.reasonCode, comment: decision.comment } };
        // UNCONFIRMED: Idempotency-Key support; harmless if Beltic ignores it.
        return act(providerSessionId, decision.action, body, { "idempotency-key": decision.idempotencyKey });
      },
      expire: (providerSessionId) => act(providerSessionId, "expire"),
      redact: (providerSessionId) => act(providerSessionId, "redact"),
      async fetchMedia(providerSessionId, mediaKey) {
        const url = downloadUrlOf(await fetchSession(providerSessionId), mediaKey);
        return download(url, options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS);
      },
    },
    ...(options.webhookSecret
      ? {
          webhook: createBelticWebhook({
            secret: options.webhookSecret,
            token: options.webhookToken,
            signatureEncoding: options.signatureEncoding,
          }),
        }
      : {}),
  });
}

/** Follows only the cursor out of Beltic's `next` link, never the link itself (another origin must not get our key). */
function nextCursor(page: BelticSessionList): string | null {
  if (page.data.length === 0 || page.meta?.page?.hasNext === false) return null;
  const next = page.links?.next;
  if (!next) {
    if (!page.meta?.page?.hasNext) return null;
    throw new ProviderError("beltic", "invalid_response", "Beltic said more sessions follow but sent no next link.");
  }
  try {
    return new URL(next, "https://api.beltic.com").searchParams.get("page[after]") || null;
  } catch {
    throw new ProviderError("beltic", "invalid_response", "Beltic sent a next-page link that is not a URL.");
  }
}

/** Kept on the decision as evidence: the outcome, without the session's personal data. */
function evidenceOf(session: BelticSession): ProviderCallResult {
  const { status, updated_at, decisioned_at, expired_at, redacted_at } = session.attributes;
  return {
    providerResponse: {
      id: session.id,
      type: session.type,
      status,
      updated_at: updated_at ?? null,
      decisioned_at: decisioned_at ?? null,
      expired_at: expired_at ?? null,
      redacted_at: redacted_at ?? null,
    },
  };
}
