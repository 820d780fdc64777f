import { randomBytes } from "node:crypto";
import { createPrng, uuidFrom } from "../generate/prng";
import type { SandboxProvider, WebhookDelivery } from "../provider";
import { generateDiditSessions } from "./generator";
import { advanceRandom, createSession, moveTo } from "./lifecycle";
import { createDiditMount } from "./routes";
import { DIDIT_STATUSES, findSession, isDiditStatus, statusOf } from "./types";
import type { DiditState } from "./types";

export { createDiditMount } from "./routes";
export { DIDIT_STATUSES, statusOf } from "./types";
export type { DiditSessionRecord, DiditState, DiditStatus } from "./types";

const MAX_OUTBOX = 500;

export type DiditStateOptions = {
  /** The `x-api-key` v3 clients must send. */
  apiKey: string;
  /** Signs webhooks (Didit's "Webhook Secret Key"); random when left out. */
  webhookSecret?: string;
  /** Same seed (and same `now`) → same sessions. */
  seed: number;
  count: number;
  /** Anchor for generated dates; later changes use the real clock. */
  now: Date;
  /** v1 client credentials for /auth/v2/token/; without them every token request is refused. */
  clientId?: string;
  clientSecret?: string;
  /** Which webhook generation to send (default v3); v1 as docs.didit.me/identity-verification/webhooks shows it. */
  webhookVersion?: "v1" | "v3";
  /** Receives the webhooks API calls cause (update-status); otherwise they wait in takeWebhooks(). */
  onWebhook?: (deliveries: WebhookDelivery[]) => void;
};

export type DiditProviderOptions = DiditStateOptions & { webhookSecret: string };

export type DiditSandboxProvider = SandboxProvider & {
  state: DiditState;
  /** Webhooks caused by API calls since the last call (only when no onWebhook was given). */
  takeWebhooks: () => WebhookDelivery[];
  /** Invalidates every v1 token issued so far, as a key rotation on Didit's side would. */
  revokeTokens: () => void;
};

export function createDiditState(options: DiditStateOptions, outbox: WebhookDelivery[] = []): DiditState {
  const { workflowId, sessions } = generateDiditSessions({ seed: options.seed, count: options.count, now: options.now });
  return {
    apiKey: options.apiKey,
    mediaSecret: randomBytes(16).toString("hex"),
    webhookSecret: options.webhookSecret ?? randomBytes(32).toString("base64url"),
    clientId: options.clientId ?? null,
    clientSecret: options.clientSecret ?? null,
    tokens: new Map(),
    applicationId: uuidFrom(createPrng(options.seed ^ 0x5eed)),
    workflowId,
    webhookVersion: options.webhookVersion ?? "v3",
    // Its own stream, so changes after start-up do not shift the generated sessions.
    prng: createPrng(options.seed ^ 0x2a2a2a2a),
    sessions,
    // The sandbox's default address until the first request shows the real one.
    publicBaseUrl: "http://127.0.0.1:4010/didit",
    emit: options.onWebhook ?? ((deliveries) => keepLatest(outbox, deliveries)),
  };
}

/** Nobody may ever drain the outbox (the plain createDiditState path), so it keeps only the latest. */
function keepLatest(outbox: WebhookDelivery[], deliveries: WebhookDelivery[]): void {
  outbox.push(...deliveries);
  if (outbox.length > MAX_OUTBOX) outbox.splice(0, outbox.length - MAX_OUTBOX);
}

/** The fake Didit: v3 API-key routes, v1 token + Bearer routes, presigned media, signed webhooks. */
export function createDiditProvider(options: DiditProviderOptions): DiditSandboxProvider {
  const outbox: WebhookDelivery[] = [];
  const state = createDiditState(options, outbox);
  return {
    id: "didit",
    mount: createDiditMount(state),
    state,
    statuses: DIDIT_STATUSES,
    sessionIds: () => [...state.sessions].sort((a, b) => b.sessionNumber - a.sessionNumber).map((record) => record.sessionId),
    statusOf: (sessionId) => {
      const record = findSession(state, sessionId);
      return record ? statusOf(record) : null;
    },
    setStatus: (sessionId, status) => {
      const record = findSession(state, sessionId);
      if (!record || !isDiditStatus(status)) return null;
      return moveTo(state, record, status);
    },
    createSession: () => createSession(state),
    advanceRandom: (random) => advanceRandom(state, random),
    takeWebhooks: () => outbox.splice(0, outbox.length),
    revokeTokens: () => state.tokens.clear(),
  };
}
