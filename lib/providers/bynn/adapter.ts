import "server-only";
import { ProviderError } from "../errors";
import { buildCapabilities, defineAdapter, requireSessionId } from "../kit/adapter";
import type { ActionTable } from "../kit/adapter";
import { compact } from "../kit/normalize";
import { DEFAULT_PROVIDER_TIMEOUT_MS } from "../kit/transport";
import type { Capabilities, ProviderAdapter } from "../types";
import { BYNN_DEFAULT_IDENTITY_DOCUMENT_PATH, BYNN_MEDIA_KEY, downloadSignedMedia, resolveMediaUrl } from "./media";
import { goneSession, normalizeSession } from "./normalize";
import { BynnCancelResponse, BynnPreflight, BynnSession } from "./schemas";
import { bynnTransport } from "./transport";
import { createBynnWebhookHandler } from "./webhook";
import { PROVIDER_NAMES } from "@/lib/sessions/provider-names";

export { BYNN_DEFAULT_IDENTITY_DOCUMENT_PATH } from "./media";

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

// Bynn has no list, decision or redaction API (providers.md §4.2, §4.4, §4.5): it is fed by
// webhooks and decides in its own console, so Verdict records decisions itself.
const OFFERED: ActionTable<boolean> = {
  list: false,
  get: true,
  approve: false,
  decline: false,
  resubmit: false,
  expire: true,
  redact: false,
  media: true,
};

const MESSAGES = {
  unsupported: {
    list: "Bynn has no API to list sessions; Verdict learns about Bynn sessions from its webhooks.",
    approve: "Bynn has no decision API: decisions are made in the Bynn console, and Verdict records its own.",
    decline: "Bynn has no decision API: decisions are made in the Bynn console, and Verdict records its own.",
    resubmit: "Bynn has no resubmission API: the applicant's flow asks for new captures by itself.",
    redact: "Bynn has no API to redact a session's personal data; ask Bynn to delete it.",
  },
  unsupportedOtherwise: () => "Bynn does not offer this call.",
  notAllowed: () => "The configured Bynn key cannot make this call; a private key is required.",
};

/** Which calls the configured key may make, judged by Bynn's key prefixes (no API tells us). */
const keyMayCall = (apiKey: string) => () => apiKey !== "" && !apiKey.startsWith("public_");

export function bynnCapabilities(apiKey: string): Capabilities {
  return buildCapabilities(OFFERED, keyMayCall(apiKey));
}

export function createBynnAdapter(options: BynnAdapterOptions): ProviderAdapter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  const connection = { baseUrl: options.baseUrl ?? BYNN_DEFAULT_BASE_URL, timeoutMs, retries: options.retries };
  const send = bynnTransport(connection, options.apiKey);
  const sessionPath = (id: string) => `/v1/sessions/${encodeURIComponent(requireSessionId("bynn", "Bynn", id))}`;

  return defineAdapter({
    id: "bynn",
    displayName: PROVIDER_NAMES.bynn,
    offered: OFFERED,
    allowedByKey: keyMayCall(options.apiKey),
    messages: MESSAGES,
    operations: {
      async getSession(providerSessionId) {
        const path = sessionPath(providerSessionId);
        try {
          return normalizeSession(await send({ path, schema: BynnSession }));
        } catch (error) {
          if (isGone(error)) return goneSession(providerSessionId, error.options.providerMessage);
          throw error;
        }
      },
      async expire(providerSessionId) {
        // Cancelling is not idempotent from the caller's view: a retry would hit 410 and hide the success.
        const response = await send({ path: sessionPath(providerSessionId), method: "DELETE", schema: BynnCancelResponse, retries: 0 });
        return { providerResponse: compact({ canceled: true, session_id: response?.session_id, status: response?.status }) };
      },
      async fetchMedia(providerSessionId, mediaKey) {
        if (!BYNN_MEDIA_KEY.test(mediaKey)) throw new ProviderError("bynn", "not_found", "Unknown Bynn media key.");
        const identityDocumentPath = options.identityDocumentPath ?? BYNN_DEFAULT_IDENTITY_DOCUMENT_PATH;
        const lookup = { send, sessionPath: sessionPath(providerSessionId), providerSessionId, identityDocumentPath, isGone };
        return downloadSignedMedia(await resolveMediaUrl(lookup, mediaKey), timeoutMs);
      },
      async getProgress(providerSessionId) {
        try {
          const preflight = await send({ path: `${sessionPath(providerSessionId)}/preflight`, schema: BynnPreflight });
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
    },
    ...(options.webhookPublicKey
      ? {
          webhook: createBynnWebhookHandler({
            publicKeyPem: options.webhookPublicKey,
            clockToleranceSeconds: options.webhookClockToleranceSeconds,
          }),
        }
      : {}),
  });
}

function isGone(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.options.status === 410;
}
