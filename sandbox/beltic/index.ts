import { randomBytes } from "node:crypto";
import { startOfUtcDay } from "../generate/dates";
import { createPrng } from "../generate/prng";
import type { SandboxProvider, WebhookDelivery } from "../provider";
import { generateBelticSessions, newRecord } from "./generator";
import { tick } from "./lifecycle";
import { createBelticMount } from "./routes";
import { randomScenario } from "./scenarios";
import { moveAlong, moveTo } from "./transitions";
import { BELTIC_SCOPES, BELTIC_STATUSES } from "./types";
import type { BelticSandboxOptions, BelticSessionRecord, BelticState, BelticStatus } from "./types";

export { BELTIC_SCOPES, BELTIC_STATUSES } from "./types";
export type { BelticSandboxOptions, BelticSessionRecord, BelticState, BelticStatus } from "./types";

export type BelticSandboxProvider = SandboxProvider & { state: BelticState };

export const DEFAULT_BELTIC_SEED = 20_240_601;
export const DEFAULT_BELTIC_SESSION_COUNT = 40;

/** Fake Beltic Identity API under /beltic: same paths, X-Api-Key + scopes, JSON:API bodies and errors. */
export function createBelticProvider(options: BelticSandboxOptions): BelticSandboxProvider {
  if (!options.apiKey) throw new Error("createBelticProvider: apiKey is required");
  if (!options.webhookSecret) throw new Error("createBelticProvider: webhookSecret is required");
  const seed = options.seed ?? DEFAULT_BELTIC_SEED;
  const now = options.now ?? new Date();
  const state: BelticState = {
    apiKey: options.apiKey,
    scopes: options.scopes ?? BELTIC_SCOPES,
    mediaSecret: randomBytes(16).toString("hex"),
    webhookSecret: options.webhookSecret,
    webhookToken: options.webhookToken ?? null,
    signatureEncoding: options.signatureEncoding ?? "hex",
    sessions: generateBelticSessions(createPrng(seed), options.sessionCount ?? DEFAULT_BELTIC_SESSION_COUNT, now),
    prng: createPrng(seed + 1),
    publicBaseUrl: options.publicBaseUrl ?? "http://127.0.0.1:4010/beltic",
    onDelivery: options.onDelivery ?? (() => {}),
    idempotent: new Map(),
    clock: now.getTime(),
  };
  const find = (id: string) => state.sessions.find((session) => session.id === id) ?? null;

  return {
    id: "beltic",
    mount: createBelticMount(state),
    state,
    statuses: BELTIC_STATUSES,
    sessionIds: () => state.sessions.map((session) => session.id),
    statusOf: (id) => find(id)?.status ?? null,
    setStatus(id, status) {
      const record = find(id);
      if (!record || !isStatus(status)) return null;
      return moveAlong(state, record, status);
    },
    createSession() {
      const at = tick(state);
      const record = newRecord(state.prng, randomScenario(state.prng), state.sessions.length, at, startOfUtcDay(at));
      state.sessions.unshift(record);
      return { sessionId: record.id, deliveries: [moveTo(state, record, "created")] };
    },
    advanceRandom: (random) => advanceRandom(state, random),
  };
}

function isStatus(value: string): value is BelticStatus {
  return (BELTIC_STATUSES as readonly string[]).includes(value);
}

/**
 * One step of an applicant's progress or Beltic's own processing. Decisions are left to
 * reviewers (Verdict), so completed sessions only move when their checks flag them.
 */
function advanceRandom(state: BelticState, random: () => number): WebhookDelivery[] {
  const movable = state.sessions.filter((record) => !record.timestamps.redacted_at && canAdvance(record));
  const record = movable[Math.floor(random() * movable.length)];
  if (!record) return [];
  return [moveTo(state, record, nextStatus(record, random))];
}

function canAdvance(record: BelticSessionRecord): boolean {
  if (record.status === "completed") return record.issues.length > 0;
  return record.status === "created" || record.status === "started" || record.status === "pending";
}

function nextStatus(record: BelticSessionRecord, random: () => number): BelticStatus {
  if (record.status === "created") return "started";
  if (record.status === "started") return "pending";
  if (record.status === "pending") return random() < 0.1 ? "failed" : "completed";
  return "marked_for_review";
}
