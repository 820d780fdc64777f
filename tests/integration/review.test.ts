import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, decisions, verificationSessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { createDiditAdapter } from "@/lib/providers/didit";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import type { ProviderAdapter } from "@/lib/providers/types";
import { claimCase, claimNextCase } from "@/lib/review/claims";
import { decideCase, type DecideInput } from "@/lib/review/decide";
import { reconcileDecisions } from "@/lib/review/reconcile";
import { syncProvider } from "@/lib/sync/sync-provider";
import { createTestDatabase } from "../helpers/db";
import { createViewer, newKey } from "../helpers/review";
import { startTestSandbox, type RunningSandbox } from "../helpers/sandbox";

const didit = { apiKey: "review-test-didit-key", webhookSecret: "review-test-didit-secret" };
const idenfy = { apiKey: "review-test-idenfy-key", apiSecret: "review-test-idenfy-secret" };

describe("claims and decisions", () => {
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  let adapters: Record<string, ProviderAdapter>;
  let ana: Viewer;
  let ben: Viewer;
  const resolve = (provider: string) => adapters[provider];

  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([createTestDatabase(), startTestSandbox({ sessionCount: 24, didit, idenfy })]);
    adapters = {
      didit: createDiditAdapter({ ...didit, baseUrl: `${sandbox.url}/didit`, timeoutMs: 1500, retries: 0 }),
      idenfy: createIdenfyAdapter({ ...idenfy, baseUrl: `${sandbox.url}/idenfy`, timeoutMs: 1500, retries: 0 }),
    };
    await syncProvider(handle.db, adapters.didit!, "manual");
    await syncProvider(handle.db, adapters.idenfy!, "manual");
    [ana, ben] = await Promise.all([createViewer(handle, "reviewer", "Ana"), createViewer(handle, "reviewer", "Ben")]);
  });
  beforeEach(() => sandbox.faults.clear());
  afterAll(async () => {
    await sandbox.close();
    await handle.close();
  });

  const session = async (id: string) => (await handle.db.select().from(verificationSessions).where(eq(verificationSessions.id, id)))[0]!;
  const reviewCase = async (provider: string) => {
    const [row] = await handle.db
      .select()
      .from(verificationSessions)
      .where(and(eq(verificationSessions.provider, provider), eq(verificationSessions.status, "marked_for_review"), sql`${verificationSessions.assigneeId} is null`))
      .limit(1);
    return row!;
  };
  const decide = (viewer: Viewer, input: Omit<DecideInput, "idempotencyKey"> & { idempotencyKey?: string }) =>
    decideCase({ db: handle.db, viewer, resolveAdapter: resolve }, { idempotencyKey: newKey(), ...input });

  it("gives two reviewers pressing Next case at once different cases", async () => {
    const [a, b] = await Promise.all([claimNextCase({ db: handle.db, viewer: ana }), claimNextCase({ db: handle.db, viewer: ben })]);
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
    expect(a).not.toBe(b);
    expect(await claimNextCase({ db: handle.db, viewer: ana })).toBe(a);
  });

  it("declines at Didit with the reason and comment, then releases the case", async () => {
    const target = await reviewCase("didit");
    await claimCase({ db: handle.db, viewer: ben }, { sessionId: target.id });
    const result = await decide(ben, {
      sessionId: target.id,
      version: target.version,
      action: "decline",
      reasonCode: "DATA_MISMATCH",
      comment: "Дата рождения не совпадает",
    });
    expect(result.state).toBe("confirmed");
    expect(await session(target.id)).toMatchObject({ status: "declined", rawStatus: "Declined", assigneeId: null, version: target.version + 1 });
    expect(sandbox.didit!.statusOf(target.providerSessionId)).toBe("Declined");
    const reviews = JSON.stringify(sandbox.didit!.state.sessions.find((s) => s.sessionId === target.providerSessionId)!.decision.reviews);
    expect(reviews).toContain("Дата рождения не совпадает");
  });

  it("lets one of two decisions on a case win and tells the other the case changed", async () => {
    const target = await reviewCase("didit");
    await claimCase({ db: handle.db, viewer: ana }, { sessionId: target.id });
    await decide(ana, { sessionId: target.id, version: target.version, action: "approve", reasonCode: "DATA_VERIFIED", comment: "ok" });
    await expect(decide(ana, { sessionId: target.id, version: target.version, action: "decline", reasonCode: "OTHER", comment: "late" })).rejects.toThrow(
      /already decided: approved by Ana/,
    );
    await handle.db
      .update(verificationSessions)
      .set({ assigneeId: ana.id, claimExpiresAt: new Date(Date.now() + 60_000), status: "marked_for_review" })
      .where(eq(verificationSessions.id, target.id));
    await expect(decide(ana, { sessionId: target.id, version: target.version, action: "decline", reasonCode: "OTHER", comment: "late" })).rejects.toThrow(
      /changed since you opened it/,
    );
  });

  it("refuses to decide without holding the claim", async () => {
    const target = await reviewCase("didit");
    await expect(decide(ben, { sessionId: target.id, version: target.version, action: "approve", reasonCode: "DATA_VERIFIED", comment: "x" })).rejects.toThrow(
      /Claim this case/,
    );
  });

  it("applies a double-submitted decision once", async () => {
    const target = await reviewCase("didit");
    await claimCase({ db: handle.db, viewer: ana }, { sessionId: target.id });
    const input = {
      sessionId: target.id,
      version: target.version,
      action: "approve" as const,
      reasonCode: "DATA_VERIFIED",
      comment: "twice",
      idempotencyKey: newKey(),
    };
    const [first, second] = [await decide(ana, input), await decide(ana, input)];
    expect(second).toEqual(first);
    expect(await handle.db.select().from(decisions).where(eq(decisions.idempotencyKey, input.idempotencyKey))).toHaveLength(1);
  });

  for (const mode of ["error_500", "timeout"] as const) {
    it(`leaves the case as it was when the provider fails (${mode})`, async () => {
      const target = await reviewCase("didit");
      await claimCase({ db: handle.db, viewer: ana }, { sessionId: target.id });
      // Every decision attempt fails; the check Verdict makes after timeouts then sees the case unchanged.
      sandbox.faults.arm("didit", mode, 3);
      const attempt = decide(ana, { sessionId: target.id, version: target.version, action: "approve", reasonCode: "DATA_VERIFIED", comment: "x" });
      await expect(attempt).rejects.toThrow(mode === "timeout" ? /did not answer/ : /unavailable/);
      expect(await session(target.id)).toMatchObject({ status: "marked_for_review", version: target.version, assigneeId: ana.id });
      expect(sandbox.didit!.statusOf(target.providerSessionId)).toBe("In Review");
      const [failed] = await handle.db.select().from(decisions).where(eq(decisions.sessionId, target.id));
      expect(failed).toMatchObject({ state: "failed" });
      await handle.db.update(verificationSessions).set({ assigneeId: null }).where(eq(verificationSessions.id, target.id));
    });
  }

  it("waits out a 429 with Retry-After and then decides", async () => {
    const target = await reviewCase("didit");
    await claimCase({ db: handle.db, viewer: ana }, { sessionId: target.id });
    sandbox.faults.arm("didit", "rate_limit", 1, 1);
    expect((await decide(ana, { sessionId: target.id, version: target.version, action: "approve", reasonCode: "DATA_VERIFIED", comment: "x" })).state).toBe(
      "confirmed",
    );
  });

  it("records an iDenfy decision in Verdict, and a later sync does not undo it", async () => {
    const target = await reviewCase("idenfy");
    expect(target.rawStatus).toBe("SUSPECTED");
    await claimCase({ db: handle.db, viewer: ben }, { sessionId: target.id });
    const result = await decide(ben, {
      sessionId: target.id,
      version: target.version,
      action: "approve",
      reasonCode: "MISMATCH_EXPLAINED",
      comment: "Transliteration",
    });
    expect(result.state).toBe("recorded");
    await syncProvider(handle.db, adapters.idenfy!, "manual");
    expect(await session(target.id)).toMatchObject({ status: "approved", rawStatus: "SUSPECTED" });
  });

  it("settles decisions a crash left behind: confirmed once if the provider applied it, else failed", async () => {
    const applied = await reviewCase("didit");
    const lost = (
      await handle.db
        .select()
        .from(verificationSessions)
        .where(and(eq(verificationSessions.provider, "didit"), eq(verificationSessions.status, "marked_for_review")))
    ).find((s) => s.id !== applied.id)!;
    const [sent] = await handle.db
      .insert(decisions)
      .values({ sessionId: applied.id, action: "approve", reasonCode: "DATA_VERIFIED", comment: "crash", actorId: ana.id, idempotencyKey: newKey(), state: "sent" })
      .returning();
    await adapters.didit!.decide(applied.providerSessionId, {
      action: "approve",
      reasonCode: "DATA_VERIFIED",
      comment: "crash",
      idempotencyKey: sent!.idempotencyKey,
    });
    await handle.db
      .insert(decisions)
      .values({ sessionId: lost.id, action: "decline", reasonCode: "OTHER", comment: "crash", actorId: ana.id, idempotencyKey: newKey(), state: "requested" });

    expect(await reconcileDecisions({ db: handle.db, now: new Date(Date.now() + 1000), resolveAdapter: resolve }, { olderThanMs: 0 })).toEqual({
      confirmed: 1,
      failed: 1,
      pending: 0,
    });
    expect(await reconcileDecisions({ db: handle.db, now: new Date(Date.now() + 1000), resolveAdapter: resolve }, { olderThanMs: 0 })).toEqual({
      confirmed: 0,
      failed: 0,
      pending: 0,
    });
    expect(await session(applied.id)).toMatchObject({ status: "approved", version: applied.version + 1 });
    expect(await session(lost.id)).toMatchObject({ status: "marked_for_review", version: lost.version });
    const confirmations = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "decision.confirmed"), eq(auditEvents.targetId, applied.id)));
    expect(confirmations).toHaveLength(1);
  });
});
