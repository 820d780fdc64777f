import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { createPrng } from "../generate/prng";
import type { SandboxProvider, WebhookDelivery } from "../provider";
import { newSession } from "./create";
import { generateBynnSessions, kycLevels } from "./generator";
import { applyStatus, nextStatus } from "./lifecycle";
import { resourceFor } from "./render";
import { buildDelivery } from "./signing";
import { createBynnMount } from "./routes";
import { BYNN_STATUSES } from "./types";
import type { BynnState, BynnStatus } from "./types";

export { BYNN_STATUSES } from "./types";
export type { BynnSessionRecord, BynnState, BynnStatus } from "./types";

export type BynnSandboxOptions = {
  /** The private key clients must send (`Authorization: Bearer private_sandbox_…`). */
  apiKey: string;
  /** The client-side key, accepted only by POST /v1/sessions; derived from apiKey when absent. */
  publicApiKey?: string;
  /** PEM private RSA key that signs webhooks; a fresh 2048-bit pair is generated when absent. */
  webhookPrivateKey?: string;
  seed?: number;
  sessionCount?: number;
  /** Anchor for generated dates; defaults to the current time. */
  now?: Date;
  /** Clock for events and signatures (the verifier checks iat/exp against real time). */
  clock?: () => Date;
  organization?: { id: string; name: string };
  /** Where links inside webhooks point, e.g. http://127.0.0.1:4010/bynn */
  publicBaseUrl?: string;
  /** Webhooks caused by API calls (DELETE, POST /v1/sessions), which return no deliveries to anyone. */
  onWebhook?: (deliveries: WebhookDelivery[]) => void;
};

export type BynnSandboxProvider = SandboxProvider & {
  state: BynnState;
  /** SPKI PEM of the webhook signing key: configure Verdict's BYNN_WEBHOOK_PUBLIC_KEY with it. */
  publicKeyPem: string;
  publicApiKey: string;
};

const DEFAULT_SEED = 20_240_603;
const DEFAULT_SESSION_COUNT = 40;
const STATUS_SET: ReadonlySet<string> = new Set(BYNN_STATUSES);

export function createBynnProvider(options: BynnSandboxOptions): BynnSandboxProvider {
  if (!options.apiKey) throw new Error("createBynnProvider: apiKey is required");
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? new Date();
  const signingKey = signingKeyFrom(options.webhookPrivateKey);
  const state: BynnState = {
    apiKey: options.apiKey,
    publicApiKey: options.publicApiKey ?? derivedPublicKey(options.apiKey),
    mediaSecret: randomBytes(16).toString("hex"),
    signingKey,
    organization: options.organization ?? { id: "org_sandbox", name: "Verdict Sandbox" },
    publicBaseUrl: options.publicBaseUrl ?? "http://127.0.0.1:4010/bynn",
    sessions: generateBynnSessions({ seed, count: options.sessionCount ?? DEFAULT_SESSION_COUNT, now }),
    kycLevels: kycLevels(createPrng(seed)),
    prng: createPrng(seed ^ 0x5bd1e995),
    nextIndex: options.sessionCount ?? DEFAULT_SESSION_COUNT,
    clock: options.clock ?? (() => new Date()),
    emit: (deliveries) => {
      if (deliveries.length > 0) options.onWebhook?.(deliveries);
    },
  };
  const find = (id: string) => state.sessions.find((session) => session.sessionId === id);

  return {
    id: "bynn",
    mount: createBynnMount(state),
    state,
    publicKeyPem: createPublicKey(signingKey).export({ type: "spki", format: "pem" }).toString(),
    publicApiKey: state.publicApiKey,
    statuses: BYNN_STATUSES,
    sessionIds: () => [...state.sessions].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((s) => s.sessionId),
    statusOf: (id) => find(id)?.status ?? null,
    setStatus(id, status) {
      const record = find(id);
      if (!record || !STATUS_SET.has(status)) return null;
      return applyStatus(state, record, status as BynnStatus);
    },
    createSession() {
      const { record, deliveries } = newSession(state);
      return { sessionId: record.sessionId, deliveries };
    },
    replay() {
      return (
        [...state.sessions]
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          // A resting status is named after the event that put the session there.
          .map((record) => {
            const eventType = record.status;
            return buildDelivery(state, { eventType, at: record.updatedAt, sessionId: record.sessionId, resource: resourceFor(state, record, eventType) });
          })
      );
    },
    advanceRandom(random) {
      const movable = state.sessions.filter((record) => nextStatus(record, () => 0.5) !== null);
      const record = movable[Math.floor(random() * movable.length)];
      if (!record) return [];
      const target = nextStatus(record, random);
      return target ? applyStatus(state, record, target) : [];
    },
  };
}

function signingKeyFrom(pem: string | undefined): KeyObject {
  if (pem) {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "rsa") throw new Error("createBynnProvider: webhookPrivateKey must be an RSA key");
    return key;
  }
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
}

/** Stable per private key, so a restarted sandbox accepts the same public key. */
function derivedPublicKey(apiKey: string): string {
  return `public_sandbox_${createHash("sha256").update(`public:${apiKey}`).digest("hex").slice(0, 24)}`;
}
