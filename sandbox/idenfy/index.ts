import { randomBytes } from "node:crypto";
import { createPrng } from "../generate/prng";
import type { SandboxProvider } from "../provider";
import { generateIdenfyRecords } from "./generator";
import { advanceRandom, createSession, moveTo } from "./lifecycle";
import { createIdenfyMount } from "./routes";
import { findRecord, IDENFY_STATUSES, isIdenfyStatus } from "./types";
import type { IdenfyState } from "./types";

export { IDENFY_STATUSES } from "./types";
export type { IdenfyRecord, IdenfyState, IdenfyStatus } from "./types";

export type IdenfySandboxOptions = {
  /** HTTP Basic username clients must send. */
  apiKey: string;
  /** HTTP Basic password clients must send. */
  apiSecret: string;
  /** Signs callbacks; defaults to the API secret (what older iDenfy docs describe). */
  webhookSecret?: string;
  /** Same seed (and same `now`) → same verifications. */
  seed?: number;
  sessionCount?: number;
  /** Anchor for generated dates; the sandbox clock runs on from it. Defaults to the current time. */
  now?: Date;
  /** Where callback file links point until a client has called in. */
  publicBaseUrl?: string;
};

export type IdenfySandboxProvider = SandboxProvider & { state: IdenfyState };

const DEFAULT_SEED = 20_240_601;
const DEFAULT_COUNT = 40;

/** A fake iDenfy (https://ivs.idenfy.com) under /idenfy: same paths, auth, bodies, errors and callbacks. */
export function createIdenfyProvider(options: IdenfySandboxOptions): IdenfySandboxProvider {
  if (!options.apiKey || !options.apiSecret) throw new Error("createIdenfyProvider: apiKey and apiSecret are required");
  const seed = options.seed ?? DEFAULT_SEED;
  const anchor = options.now ?? new Date();
  const startedAt = Date.now();
  const state: IdenfyState = {
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    webhookSecret: options.webhookSecret || options.apiSecret,
    mediaSecret: randomBytes(16).toString("hex"),
    companyId: "4f0b6c1e-2a7d-4c3e-9b8f-1d2e3f4a5b6c",
    // Moves after start-up draw from their own stream, so they never disturb the generated set.
    prng: createPrng(seed ^ 0x1de7f),
    clock: () => new Date(anchor.getTime() + (Date.now() - startedAt)),
    records: generateIdenfyRecords(createPrng(seed), options.sessionCount ?? DEFAULT_COUNT, anchor),
    publicBaseUrl: options.publicBaseUrl ?? "http://127.0.0.1:4010/idenfy",
  };
  return {
    id: "idenfy",
    mount: createIdenfyMount(state),
    sessionIds: () => [...state.records].sort((a, b) => b.created.getTime() - a.created.getTime()).map((record) => record.scanRef),
    statusOf: (scanRef) => findRecord(state, scanRef)?.status ?? null,
    statuses: IDENFY_STATUSES,
    setStatus(scanRef, status) {
      const record = findRecord(state, scanRef);
      if (!record || !isIdenfyStatus(status)) return null;
      return moveTo(state, record, status);
    },
    createSession: () => createSession(state),
    advanceRandom: (random) => advanceRandom(state, random),
    state,
  };
}
