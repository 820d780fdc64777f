import "server-only";
import { ProviderError } from "../errors";
import type {
  Capabilities,
  DecisionRequest,
  MediaFile,
  NormalizedSession,
  ProgressStep,
  ProviderAction,
  ProviderAdapter,
  ProviderCallResult,
  ProviderId,
  SessionPage,
  WebhookHandler,
} from "../types";
import { PROVIDER_ACTIONS } from "../types";

/** One value per call of the contract: the shape of every provider's capability tables. */
export type ActionTable<T> = Record<ProviderAction, T>;

/** What a refusal says to a reviewer; each provider words its own. */
export type GuardMessages = {
  /** Why the provider lacks a call, for the calls worth a sentence of their own. */
  unsupported: Partial<ActionTable<string>>;
  /** For the calls `unsupported` does not name. */
  unsupportedOtherwise: (action: ProviderAction) => string;
  /** Why the configured credentials may not make a call the provider offers. */
  notAllowed: (action: ProviderAction) => string;
};

/** "Offered" is the provider's API; "allowed by key" is what the configured credentials may call on top of it. */
export function buildCapabilities(offered: ActionTable<boolean>, keyMayCall: (action: ProviderAction) => boolean): Capabilities {
  const allowedByKey = Object.fromEntries(PROVIDER_ACTIONS.map((action) => [action, offered[action] && keyMayCall(action)]));
  return { offered: { ...offered }, allowedByKey: allowedByKey as ActionTable<boolean> };
}

/** Refuses before any request: "unsupported" when the provider lacks the call, "auth" when the key may not make it. */
export function assertAllowed(provider: ProviderId, capabilities: Capabilities, action: ProviderAction, messages: GuardMessages): void {
  if (!capabilities.offered[action]) {
    throw new ProviderError(provider, "unsupported", messages.unsupported[action] ?? messages.unsupportedOtherwise(action));
  }
  if (!capabilities.allowedByKey[action]) throw new ProviderError(provider, "auth", messages.notAllowed(action));
}

/** The calls a provider implements. A call it does not offer is simply left out: the guard answers for it. */
export type AdapterOperations = {
  listSessions?: (cursor: string | null) => Promise<SessionPage>;
  getSession: (providerSessionId: string) => Promise<NormalizedSession>;
  decide?: (providerSessionId: string, request: DecisionRequest) => Promise<ProviderCallResult>;
  expire?: (providerSessionId: string) => Promise<ProviderCallResult>;
  redact?: (providerSessionId: string) => Promise<ProviderCallResult>;
  fetchMedia?: (providerSessionId: string, mediaKey: string) => Promise<MediaFile>;
  /** Guarded as a read ("get"). */
  getProgress?: (providerSessionId: string) => Promise<ProgressStep>;
};

/** Which operation carries each call of the contract. */
const OPERATION_FOR: Record<ProviderAction, keyof AdapterOperations> = {
  list: "listSessions",
  get: "getSession",
  approve: "decide",
  decline: "decide",
  resubmit: "decide",
  expire: "expire",
  redact: "redact",
  media: "fetchMedia",
};

export type AdapterDefinition = {
  id: ProviderId;
  displayName: string;
  /** What the provider's API offers at all. */
  offered: ActionTable<boolean>;
  /** Whether the configured credentials may make an offered call. */
  allowedByKey: (action: ProviderAction) => boolean;
  messages: GuardMessages;
  operations: AdapterOperations;
  /** Absent when no webhook secret / public key is configured. */
  webhook?: WebhookHandler;
};

/**
 * The one place the guard sits: every call of the returned adapter is checked against the
 * capabilities before the provider's own code runs, so no operation can forget it.
 */
export function defineAdapter(definition: AdapterDefinition): ProviderAdapter {
  const { id, operations, messages } = definition;
  // An offered call without its operation is a mistake in the adapter: fail at start-up, not at a reviewer's click.
  const unimplemented = PROVIDER_ACTIONS.filter((action) => definition.offered[action] && !operations[OPERATION_FOR[action]]);
  if (unimplemented.length) throw new Error(`The ${id} adapter offers ${unimplemented.join(", ")} but implements no operation for it.`);
  const capabilities = buildCapabilities(definition.offered, definition.allowedByKey);
  const guarded = <F>(action: ProviderAction, operation: F | undefined): F => {
    assertAllowed(id, capabilities, action, messages);
    // Not offered means assertAllowed threw; offered means the check above found the operation.
    return operation!;
  };
  const { getProgress } = operations;
  return {
    id,
    displayName: definition.displayName,
    capabilities: () => ({ offered: { ...capabilities.offered }, allowedByKey: { ...capabilities.allowedByKey } }),
    listSessions: async (cursor) => guarded("list", operations.listSessions)(cursor),
    getSession: async (sessionId) => guarded("get", operations.getSession)(sessionId),
    decide: async (sessionId, request) => guarded(request.action, operations.decide)(sessionId, request),
    expire: async (sessionId) => guarded("expire", operations.expire)(sessionId),
    redact: async (sessionId) => guarded("redact", operations.redact)(sessionId),
    fetchMedia: async (sessionId, mediaKey) => guarded("media", operations.fetchMedia)(sessionId, mediaKey),
    ...(getProgress ? { getProgress: async (sessionId: string) => guarded("get", getProgress)(sessionId) } : {}),
    ...(definition.webhook ? { webhook: definition.webhook } : {}),
  };
}

/** A session id is part of the request path; an empty one would address the collection instead. */
export function requireSessionId(provider: ProviderId, providerName: string, id: string, noun = "session id"): string {
  if (!id) throw new ProviderError(provider, "not_found", `No ${providerName} ${noun} was given.`);
  return id;
}
