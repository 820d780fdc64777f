import "server-only";
import type { ZodType } from "zod";
import { ProviderError } from "../errors";
import { providerFetch } from "../http";
import type { HttpMethod } from "../http";
import type { Capabilities, ProgressStep, ProviderAction, ProviderAdapter, ProviderCallResult } from "../types";
import { downloadSignedMedia } from "./media";
import { goneSession, normalizeSession } from "./normalize";
import { compact } from "./parts";
import { BynnCancelResponse, BynnIdentityDocumentMedia, BynnPreflight, BynnSession } from "./schemas";
import { createBynnWebhookVerifier } from "./webhook-verify";
import { parseBynnWebhook } from "./webhook-parse";
import { PROVIDER_NAMES } from "@/lib/sessions/provider-names";

export type BynnAdapterOptions = {
  /** Server key: `private_…` (live) or `private_sandbox_…` (test). A `public_…` key can only create sessions. */
  apiKey: string;
  /** Defaults to https://api.bynn.com (paths carry /v1); the sandbox is e.g. http://127.0.0.1:4010/bynn */
  baseUrl?: string;
  timeoutMs?: number;
  retries?: number;
  /** Bynn's RSA public key (PEM) from docs.bynn.com/docs/webhook-security; without it webhooks are off. */
  webhookPublicKey?: string;
  /** Allowed clock skew when checking the signature token's iat/exp; default 60 s. */
  webhookClockToleranceSeconds?: number;
  /**
   * Where signed media URLs come from, `{id}` = identity document id. UNCONFIRMED: the path
   * appears only as a `rel.url` link in webhook examples (providers.md §4.2).
   */
  identityDocumentPath?: string;
};

export const BYNN_DEFAULT_BASE_URL = "https://api.bynn.com";
export const BYNN_DEFAULT_IDENTITY_DOCUMENT_PATH = "/v1/identity_document/{id}";
const DEFAULT_TIMEOUT_MS = 15_000;
const MEDIA_KEY = /^[a-z][a-z0-9_]{0,40}$/;

// Bynn has no list, decision or redaction API (providers.md §4.2, §4.4, §4.5): it is fed by
// webhooks and decides in its own console, so Verdict records decisions itself.
const OFFERED: Record<ProviderAction, boolean> = {
  list: false,
  get: true,
  approve: false,
  decline: false,
  resubmit: false,
  expire: true,
  redact: false,
  media: true,
};

const UNSUPPORTED: Partial<Record<ProviderAction, string>> = {
  list: "Bynn has no API to list sessions; Verdict learns about Bynn sessions from its webhooks.",
  approve: "Bynn has no decision API: decisions are made in the Bynn console, and Verdict records its own.",
  decline: "Bynn has no decision API: decisions are made in the Bynn console, and Verdict records its own.",
  resubmit: "Bynn has no resubmission API: the applicant's flow asks for new captures by itself.",
  redact: "Bynn has no API to redact a session's personal data; ask Bynn to delete it.",
};

export function createBynnAdapter(options: BynnAdapterOptions): ProviderAdapter {
  const baseUrl = options.baseUrl ?? BYNN_DEFAULT_BASE_URL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const capabilities = bynnCapabilities(options.apiKey);

  const ensureAllowed = (action: ProviderAction): void => {
    if (!capabilities.offered[action]) {
      throw new ProviderError("bynn", "unsupported", UNSUPPORTED[action] ?? "Bynn does not offer this call.");
    }
    if (!capabilities.allowedByKey[action]) {
      throw new ProviderError("bynn", "auth", "The configured Bynn key cannot make this call; a private key is required.");
    }
  };

  const request = <T>(action: ProviderAction, path: string, schema: ZodType<T>, method: HttpMethod = "GET"): Promise<T> => {
    ensureAllowed(action);
    return providerFetch({
      provider: "bynn",
      providerName: "Bynn",
      baseUrl,
      path,
      method,
      headers: { authorization: `Bearer ${options.apiKey}` },
      schema,
      timeoutMs,
      // Cancelling is not idempotent from the caller's view: a retry would hit 410 and hide the success.
      retries: method === "GET" ? options.retries : 0,
    });
  };

  const sessionPath = (id: string) => {
    if (!id) throw new ProviderError("bynn", "not_found", "No Bynn session id was given.");
    return `/v1/sessions/${encodeURIComponent(id)}`;
  };

  const verify = options.webhookPublicKey
    ? createBynnWebhookVerifier({
        publicKeyPem: options.webhookPublicKey,
        clockToleranceSeconds: options.webhookClockToleranceSeconds,
      })
    : null;

  return {
    id: "bynn",
    displayName: PROVIDER_NAMES.bynn,
    capabilities: () => capabilities,
    async listSessions() {
      ensureAllowed("list");
      throw new ProviderError("bynn", "unsupported", UNSUPPORTED.list ?? "");
    },
    async getSession(providerSessionId) {
      const path = sessionPath(providerSessionId);
      try {
        return normalizeSession(await request("get", path, BynnSession));
      } catch (error) {
        if (isGone(error)) return goneSession(providerSessionId, error.options.providerMessage);
        throw error;
      }
    },
    async decide(_providerSessionId, decision) {
      ensureAllowed(decision.action);
      throw new ProviderError("bynn", "unsupported", UNSUPPORTED[decision.action] ?? "");
    },
    async expire(providerSessionId): Promise<ProviderCallResult> {
      const response = await request("expire", sessionPath(providerSessionId), BynnCancelResponse, "DELETE");
      return { providerResponse: compact({ canceled: true, session_id: response?.session_id, status: response?.status }) };
    },
    async redact() {
      ensureAllowed("redact");
      throw new ProviderError("bynn", "unsupported", UNSUPPORTED.redact ?? "");
    },
    async fetchMedia(providerSessionId, mediaKey) {
      ensureAllowed("media");
      if (!MEDIA_KEY.test(mediaKey)) throw new ProviderError("bynn", "not_found", "Unknown Bynn media key.");
      const url = await resolveMediaUrl(providerSessionId, mediaKey);
      return downloadSignedMedia(url, timeoutMs);
    },
    async getProgress(providerSessionId): Promise<ProgressStep> {
      try {
        const preflight = await request("get", `${sessionPath(providerSessionId)}/preflight`, BynnPreflight);
        return {
          screen: preflight.screen.show,
          detail: compact({
            requirement: preflight.requirement ?? undefined,
            entityIdState: preflight.entity_id_state ?? undefined,
            entityIdDocumentType: preflight.entity_id_document_type ?? undefined,
          }),
        };
      } catch (error) {
        if (isGone(error)) return { screen: "cancel_screen", detail: { gone: true } };
        throw error;
      }
    },
    ...(verify ? { webhook: { verify, parse: parseBynnWebhook } } : {}),
  };

  /** Signed URLs expire, so each view asks Bynn for a fresh one (UNCONFIRMED: media[] {type, url} on the document). */
  async function resolveMediaUrl(providerSessionId: string, mediaKey: string): Promise<string> {
    const session = await request("media", sessionPath(providerSessionId), BynnSession).catch((error: unknown) => {
      if (isGone(error)) throw new ProviderError("bynn", "not_found", "This Bynn session was canceled; its media is gone.");
      throw error;
    });
    const documentId = session.identity_document?.id;
    if (!documentId) throw new ProviderError("bynn", "not_found", "This Bynn session has no identity document.");
    const template = options.identityDocumentPath ?? BYNN_DEFAULT_IDENTITY_DOCUMENT_PATH;
    const path = template.replace("{id}", encodeURIComponent(documentId));
    const document = await request("media", path, BynnIdentityDocumentMedia);
    // The document is reached through the session, but check the link both ways.
    if (document.session_id && document.session_id !== providerSessionId) {
      throw new ProviderError("bynn", "invalid_response", "Bynn returned a document of another session.");
    }
    const item = document.media.find((entry) => entry.type === mediaKey);
    if (!item) throw new ProviderError("bynn", "not_found", "Bynn holds no such image for this session.");
    return item.url;
  }
}

/** Which calls the configured key may make, judged by Bynn's key prefixes (no API tells us). */
export function bynnCapabilities(apiKey: string): Capabilities {
  const serverKey = apiKey !== "" && !apiKey.startsWith("public_");
  const allowed = Object.fromEntries(
    Object.entries(OFFERED).map(([action, offered]) => [action, offered && serverKey]),
  ) as Record<ProviderAction, boolean>;
  return { offered: { ...OFFERED }, allowedByKey: allowed };
}

function isGone(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.options.status === 410;
}
