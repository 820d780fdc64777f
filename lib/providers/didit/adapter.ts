import "server-only";
import { ProviderError } from "../errors";
import type { DecisionRequest, ProviderAdapter, SessionPage } from "../types";
import { deleteSession, sessionPath, updateStatus } from "./actions";
import { assertAllowed, DIDIT_PRIVILEGES, diditCapabilities } from "./capabilities";
import type { DiditApiVersion } from "./capabilities";
import { downloadMedia, imageFieldOf, imageUrlOf } from "./media";
import { normalizeDecision, normalizeRow } from "./normalize";
import { DiditDecision, DiditSessionList } from "./schemas";
import { createTokenSource } from "./token";
import { apiKeyTransport, bearerTransport } from "./transport";
import type { DiditTransport } from "./transport";
import { DiditV1Decision, v1ToV3 } from "./v1";
import { createDiditWebhookHandler } from "./webhook";
import { PROVIDER_NAMES } from "@/lib/sessions/provider-names";

type DiditCommonOptions = {
  /** e.g. https://verification.didit.me, or the sandbox's http://127.0.0.1:4010/didit */
  baseUrl: string;
  timeoutMs?: number;
  retries?: number;
  /** Didit has no API to read a key's privileges, so the operator states them (default: all three). */
  privileges?: readonly string[];
  /** The webhook secret key; without it the adapter has no webhook handler. */
  webhookSecret?: string;
};

/** v3 (current): a static `x-api-key`. */
export type DiditV3Credentials = { apiVersion?: "v3"; apiKey: string };

/** v1 (seed 000): client credentials exchanged for a Bearer token. */
export type DiditV1Credentials = {
  apiVersion: "v1";
  clientId: string;
  clientSecret: string;
  /** Didit serves tokens from another host than the API; default https://apx.didit.me. */
  authBaseUrl?: string;
};

export type DiditAdapterOptions = DiditCommonOptions & (DiditV3Credentials | DiditV1Credentials);

const PAGE_SIZE = 50;
const DEFAULT_TIMEOUT_MS = 15_000;
export const DIDIT_AUTH_BASE_URL = "https://apx.didit.me";

export function createDiditAdapter(options: DiditAdapterOptions): ProviderAdapter {
  const version: DiditApiVersion = options.apiVersion ?? "v3";
  const send = transportFor(options);
  const capabilities = () => diditCapabilities(options.privileges ?? DIDIT_PRIVILEGES, version);
  const guard = (action: Parameters<typeof assertAllowed>[1]) => assertAllowed(capabilities(), action);
  const readDecision = async (providerSessionId: string): Promise<DiditDecision> => {
    const path = `${sessionPath(version, providerSessionId)}/decision/`;
    if (version === "v1") return v1ToV3(await send({ path, schema: DiditV1Decision }));
    return send({ path, schema: DiditDecision });
  };

  return {
    id: "didit",
    displayName: PROVIDER_NAMES.didit,
    capabilities,
    async listSessions(cursor: string | null): Promise<SessionPage> {
      guard("list");
      const offset = parseCursor(cursor);
      const page = await send({ path: "/v3/sessions/", schema: DiditSessionList, query: { limit: PAGE_SIZE, offset } });
      return { sessions: page.results.map(normalizeRow), nextCursor: nextCursor(page, offset) };
    },
    async getSession(providerSessionId: string) {
      guard("get");
      return normalizeDecision(await readDecision(providerSessionId));
    },
    async decide(providerSessionId: string, request: DecisionRequest) {
      guard(request.action);
      return updateStatus(send, version, providerSessionId, request);
    },
    async expire() {
      guard("expire");
      throw new ProviderError("didit", "unsupported", "Didit has no API to expire a session.");
    },
    async redact(providerSessionId: string) {
      guard("redact");
      return deleteSession(send, providerSessionId);
    },
    /** Re-reads the decision for a fresh presigned link on every call; the link never leaves here. */
    async fetchMedia(providerSessionId: string, mediaKey: string) {
      guard("media");
      const field = imageFieldOf(mediaKey);
      if (!field) throw new ProviderError("didit", "not_found", "Didit has no image by that name.");
      const url = imageUrlOf(await readDecision(providerSessionId), field);
      return downloadMedia(url, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    },
    ...(options.webhookSecret ? { webhook: createDiditWebhookHandler(options.webhookSecret) } : {}),
  };
}

function transportFor(options: DiditAdapterOptions): DiditTransport {
  const connection = { baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, retries: options.retries };
  if (options.apiVersion !== "v1") return apiKeyTransport(connection, options.apiKey);
  const tokens = createTokenSource({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    authBaseUrl: options.authBaseUrl ?? DIDIT_AUTH_BASE_URL,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  return bearerTransport(connection, tokens);
}

function parseCursor(cursor: string | null): number {
  if (cursor === null || cursor === "") return 0;
  if (!/^\d+$/.test(cursor)) throw new ProviderError("didit", "rejected", "The Didit page cursor is not valid.");
  return Number(cursor);
}

/** Follows Didit's own `next` link when it carries an offset, so a changed page size on their side still pages correctly. */
function nextCursor(page: DiditSessionList, offset: number): string | null {
  if (!page.next || page.results.length === 0) return null;
  const linked = offsetOf(page.next);
  return String(linked !== null && linked > offset ? linked : offset + page.results.length);
}

function offsetOf(link: string): number | null {
  try {
    const value = new URL(link).searchParams.get("offset");
    return value !== null && /^\d+$/.test(value) ? Number(value) : null;
  } catch {
    return null;
  }
}
