/**
 * Issue 6, fault 3: storms of timeouts, 500s and 429s while a reviewer decides. Runs the real
 * `decideAction` (app/(app)/sessions/[id]/actions.ts) in this process against the sandbox over
 * HTTP; only who is signed in, the database and the provider registry are supplied by the test.
 * Every failed attempt must leave a clear message, a `failed` decision and the case as it was
 * (claim, version, status, and the provider's own state); the retry after the storm applies
 * the decision exactly once. tests/integration/review.test.ts covers the single-fault cases.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, decisions, verificationSessions } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import type { Viewer } from "@/lib/auth/load-viewer";
import type { ProviderAdapter } from "@/lib/providers/types";
import { ensureBuiltInRoles } from "@/lib/auth/roles";
import { createBelticAdapter } from "@/lib/providers/beltic";
import { createDiditAdapter } from "@/lib/providers/didit";
import { claimCase } from "@/lib/review/claims";
import { reconcileDecisions } from "@/lib/review/reconcile";
import { syncProvider } from "@/lib/sync/sync-provider";
import type { FaultMode } from "@/sandbox/faults";
import { createViewer, newKey } from "../helpers/review";
import { startTestSandbox, type RunningSandbox } from "../helpers/sandbox";
import { DRIVER, freshDatabase, type FaultDatabase } from "./support/stack";

type Wiring = { db: Database | null; viewer: Viewer | null; adapters: Record<string, ProviderAdapter> };
const wiring = vi.hoisted((): Wiring => ({ db: null, viewer: null, adapters: {} }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => wiring.viewer }));
vi.mock("@/lib/db", () => ({ getDb: async () => wiring.db }));
vi.mock("@/lib/providers/registry", () => ({
  getProviderAdapter: (id: string) => wiring.adapters[id],
  getConfiguredProviders: () => Object.values(wiring.adapters),
}));
const { decideAction } = await import("@/app/(app)/sessions/[id]/actions");

const didit = { apiKey: "faults-storm-didit-key", webhookSecret: "faults-storm-didit-secret" };
const beltic = { apiKey: "sk_staging_faults_storm", webhookSecret: "faults-storm-beltic-secret" };
const TIMEOUT_MS = 1000;

type Provider = "didit" | "beltic";
type Case = { id: string; providerSessionId: string; version: number; rawStatus: string };

describe(`decisions through provider storms (${DRIVER})`, () => {
  let database: FaultDatabase;
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  let reviewer: Viewer;

  beforeAll(async () => {
    database = await freshDatabase("decision-storm");
    [handle, sandbox] = await Promise.all([database.open(), startTestSandbox({ sessionCount: 30, didit, beltic })]);
    // As the registry builds them: per-call timeout, the default retries for reads.
    wiring.adapters = {
      didit: createDiditAdapter({ ...didit, baseUrl: `${sandbox.url}/didit`, timeoutMs: TIMEOUT_MS }),
      beltic: createBelticAdapter({ ...beltic, baseUrl: `${sandbox.url}/beltic`, timeoutMs: TIMEOUT_MS }),
    };
    wiring.db = handle.db;
    await ensureBuiltInRoles(handle.db);
    for (const adapter of Object.values(wiring.adapters)) expect(await syncProvider(handle.db, adapter, "manual")).toMatchObject({ state: "succeeded" });
    reviewer = await createViewer(handle, "reviewer", "Storm Reviewer");
    wiring.viewer = reviewer;
  });
  beforeEach(() => sandbox.faults.clear());
  afterAll(async () => {
    await sandbox?.close();
    await handle?.close();
    await database?.drop();
  });

  const nextCase = async (provider: Provider): Promise<Case> => {
    const [row] = await handle.db
      .select()
      .from(verificationSessions)
      .where(and(eq(verificationSessions.provider, provider), eq(verificationSessions.status, "marked_for_review"), sql`${verificationSessions.assigneeId} is null`))
      .limit(1);
    expect(row, `a ${provider} case waiting for review`).toBeDefined();
    await claimCase({ db: handle.db, viewer: reviewer }, { sessionId: row!.id });
    return { id: row!.id, providerSessionId: row!.providerSessionId, version: row!.version, rawStatus: row!.rawStatus };
  };
  const decisionPath = (provider: Provider, c: Case) => (provider === "didit" ? `${c.providerSessionId}/update-status` : `${c.providerSessionId}/approve`);
  const arm = (provider: Provider, c: Case, mode: FaultMode, count: number, retryAfterSeconds = 1, onlyDecisions = true) =>
    sandbox.faults.arm(
      provider,
      mode,
      count,
      retryAfterSeconds,
      onlyDecisions ? { pathIncludes: decisionPath(provider, c), method: provider === "didit" ? "PATCH" : "POST" } : {},
    );
  const approve = (c: Case) =>
    decideAction({ sessionId: c.id, version: c.version, action: "approve", reasonCode: "DATA_VERIFIED", comment: "storm", idempotencyKey: newKey() });
  const providerStatus = (provider: Provider, c: Case) => sandbox.providers.get(provider)!.statusOf(c.providerSessionId);
  /** Decision calls that reached the provider's own handler (not answered by a fault). */
  const appliedCalls = (provider: Provider, c: Case) =>
    sandbox.requests.list().filter((r) => r.path.includes(decisionPath(provider, c)) && (r.fault === null || r.fault === "hang_after_apply"));
  const decisionStates = async (c: Case) => (await handle.db.select().from(decisions).where(eq(decisions.sessionId, c.id))).map((d) => d.state).sort();
  const auditCount = async (c: Case, action: AuditAction) =>
    (
      await handle.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, c.id), eq(auditEvents.action, action)))
    ).length;

  /** Nothing moved: same status, version and claim here, and the provider still has it undecided. */
  async function expectUnchanged(provider: Provider, c: Case, initialProviderStatus: string | null) {
    const [row] = await handle.db.select().from(verificationSessions).where(eq(verificationSessions.id, c.id));
    expect(row).toMatchObject({ status: "marked_for_review", rawStatus: c.rawStatus, version: c.version, assigneeId: reviewer.id });
    expect(row!.claimExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(providerStatus(provider, c)).toBe(initialProviderStatus);
    expect(appliedCalls(provider, c)).toHaveLength(0);
  }

  for (const provider of ["didit", "beltic"] as const) {
    const name = provider === "didit" ? "Didit" : "Beltic";

    it(`${name}: every storm ends in a clear message and no trace on the case; the retry after it applies once`, async () => {
      const c = await nextCase(provider);
      const initial = providerStatus(provider, c);
      const storms: Array<{ mode: FaultMode; count: number; retryAfter?: number; message: RegExp }> = [
        { mode: "timeout", count: 3, message: new RegExp(`${name} did not answer within 1 s\\. The case is unchanged; you can try again\\.`) },
        { mode: "error_500", count: 3, message: new RegExp(`${name} is unavailable right now \\(HTTP 500\\)\\. The case is unchanged; you can try again\\.`) },
        {
          mode: "rate_limit",
          count: 3,
          retryAfter: 1,
          message: new RegExp(`${name} is limiting the request rate; try again in about 1 s\\. The case is unchanged`),
        },
        // A Retry-After longer than Verdict waits ends the attempt at once, with the provider's hint.
        {
          mode: "rate_limit",
          count: 1,
          retryAfter: 90,
          message: new RegExp(`${name} is limiting the request rate; try again in about 90 s\\. The case is unchanged`),
        },
      ];
      for (const [index, storm] of storms.entries()) {
        arm(provider, c, storm.mode, storm.count, storm.retryAfter);
        const result = await approve(c);
        expect(result).toMatchObject({ ok: false, error: { code: "PROVIDER" } });
        expect(!result.ok && result.error.message).toMatch(storm.message);
        expect(sandbox.faults.list(), "the storm was used up by this attempt").toEqual([]);
        expect(await decisionStates(c)).toEqual(Array(index + 1).fill("failed"));
        await expectUnchanged(provider, c, initial);
      }
      expect(await auditCount(c, "decision.requested")).toBe(storms.length);
      expect(await auditCount(c, "decision.failed")).toBe(storms.length);

      const retry = await approve(c);
      expect(retry).toMatchObject({ ok: true, data: { state: "confirmed", sessionId: c.id } });
      expect(await decisionStates(c)).toEqual(["confirmed", ...Array(storms.length).fill("failed")]);
      expect(appliedCalls(provider, c)).toHaveLength(1);
      expect(providerStatus(provider, c)).toBe(provider === "didit" ? "Approved" : "approved");
      expect(await auditCount(c, "decision.confirmed")).toBe(1);
      const [row] = await handle.db.select().from(verificationSessions).where(eq(verificationSessions.id, c.id));
      expect(row).toMatchObject({ status: "approved", version: c.version + 1, assigneeId: null });
    });

    it(`${name}: when neither the call nor the check gets through, the outcome stays open until the reconciler settles it`, async () => {
      const c = await nextCase(provider);
      const initial = providerStatus(provider, c);
      arm(provider, c, "timeout", 50, 1, false);
      const result = await approve(c);
      expect(!result.ok && result.error.message).toMatch(
        new RegExp(`${name} did not answer within 1 s\\. Verdict cannot tell yet whether ${name} applied the decision`),
      );
      expect(await decisionStates(c)).toEqual(["sent"]);
      // A second decision must not race the open one to the provider.
      const second = await approve(c);
      expect(second).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringMatching(/still being settled/) } });
      expect(await decisionStates(c)).toEqual(["sent"]);
      await expectUnchanged(provider, c, initial);

      sandbox.faults.clear();
      expect(
        await reconcileDecisions({ db: handle.db, now: new Date(Date.now() + 1000), resolveAdapter: (id) => wiring.adapters[id] }, { olderThanMs: 0 }),
      ).toMatchObject({ failed: 1, confirmed: 0 });
      expect(await decisionStates(c)).toEqual(["failed"]);
      await expectUnchanged(provider, c, initial);

      const retry = await approve(c);
      expect(retry).toMatchObject({ ok: true, data: { state: "confirmed" } });
      expect(appliedCalls(provider, c)).toHaveLength(1);
      expect(await decisionStates(c)).toEqual(["confirmed", "failed"]);
    });

    it(`${name}: applied but never answered: Verdict checks the provider and confirms once instead of calling it failed`, async () => {
      const c = await nextCase(provider);
      arm(provider, c, "hang_after_apply", 3);
      const result = await approve(c);
      expect(result).toMatchObject({ ok: true, data: { state: "confirmed" } });
      expect(providerStatus(provider, c)).toBe(provider === "didit" ? "Approved" : "approved");
      expect(await decisionStates(c)).toEqual(["confirmed"]);
      expect(await auditCount(c, "decision.confirmed")).toBe(1);
      expect(await auditCount(c, "decision.failed")).toBe(0);
      const [row] = await handle.db.select().from(verificationSessions).where(eq(verificationSessions.id, c.id));
      expect(row).toMatchObject({ status: "approved", assigneeId: null });
      expect(row!.version).toBe(c.version + 1);
    });
  }
});
