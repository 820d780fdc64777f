import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, providerSyncRuns, sessionChecks, sessionDocuments, verificationSessions } from "@/db/schema";
import { createDiditAdapter } from "@/lib/providers/didit";
import { mapDiditStatus } from "@/lib/providers/didit/status";
import { listSessions } from "@/lib/sessions/list-sessions";
import { syncProvider } from "@/lib/sync/sync-provider";
import { createTestDatabase } from "../helpers/db";
import { startTestSandbox, type RunningSandbox } from "../helpers/sandbox";
import { viewerWithRole } from "../helpers/viewer";

const KEY = "sync-test-didit-key";

describe("syncing Didit from the sandbox over HTTP", () => {
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([
      createTestDatabase(),
      startTestSandbox({ sessionCount: 60, didit: { apiKey: KEY, webhookSecret: "sync-test-webhook-secret" } }),
    ]);
  });
  afterAll(async () => {
    await sandbox.close();
    await handle.close();
  });

  const adapter = (apiKey = KEY) => createDiditAdapter({ apiKey, baseUrl: `${sandbox.url}/didit`, timeoutMs: 5000, retries: 0 });
  const sessionCount = async () => (await handle.db.select({ n: count() }).from(verificationSessions))[0]!.n;

  it("stores every session with its common and raw status, documents and checks", async () => {
    const summary = await syncProvider(handle.db, adapter(), "manual");
    expect(summary).toMatchObject({ state: "succeeded", fetched: 60, upserted: 60, error: null });
    expect(await sessionCount()).toBe(60);
    const stored = await handle.db.select().from(verificationSessions);
    for (const record of sandbox.didit!.state.sessions) {
      const row = stored.find((s) => s.providerSessionId === record.decision.session_id);
      expect(row?.rawStatus).toBe(record.decision.status);
      expect(row?.status).toBe(mapDiditStatus(record.decision.status as string));
      // Sessions whose document was read are listed under a name, byte for byte.
      const documentName = (record.decision.id_verifications as { full_name?: string }[] | null)?.[0]?.full_name;
      if (documentName) expect(row?.applicantName).toBe(documentName);
    }
    expect(stored.filter((s) => s.applicantName).length).toBeGreaterThan(30);
    expect((await handle.db.select({ n: count() }).from(sessionDocuments))[0]!.n).toBeGreaterThan(0);
    expect((await handle.db.select({ n: count() }).from(sessionChecks))[0]!.n).toBeGreaterThan(0);
  });

  it("changes nothing on a second run and records each run", async () => {
    const summary = await syncProvider(handle.db, adapter(), "schedule");
    expect(summary).toMatchObject({ state: "succeeded", fetched: 60, upserted: 0 });
    expect(await sessionCount()).toBe(60);
    const runs = await handle.db.select().from(providerSyncRuns);
    expect(runs.map((r) => r.state)).toEqual(["succeeded", "succeeded"]);
    const audited = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "provider.sync"));
    expect(audited).toHaveLength(2);
  });

  it("picks up a status change and bumps the session version", async () => {
    const id = sandbox.didit!.sessionIds().find((sessionId) => sandbox.didit!.statusOf(sessionId) === "In Review")!;
    const [before] = await handle.db.select().from(verificationSessions).where(eq(verificationSessions.providerSessionId, id));
    expect(sandbox.didit!.setStatus(id, "Approved")).not.toBeNull();
    const summary = await syncProvider(handle.db, adapter(), "manual");
    expect(summary.upserted).toBe(1);
    const [after] = await handle.db.select().from(verificationSessions).where(eq(verificationSessions.providerSessionId, id));
    expect(after).toMatchObject({ status: "approved", rawStatus: "Approved", version: before!.version + 1 });
  });

  it("records a failed run with a safe message when the key is wrong, and keeps the data", async () => {
    const summary = await syncProvider(handle.db, adapter("wrong-key"), "manual");
    expect(summary.state).toBe("failed");
    expect(summary.error).toMatch(/Didit/);
    expect(summary.error).not.toContain("wrong-key");
    expect(await sessionCount()).toBe(60);
  });

  it("lists with a status filter, masking personal data for roles without read_pii", async () => {
    const reviewerView = await listSessions(handle.db, viewerWithRole("reviewer"), { statuses: ["marked_for_review"] });
    expect(reviewerView.items.length).toBeGreaterThan(0);
    expect(reviewerView.items.every((i) => i.status === "marked_for_review")).toBe(true);
    expect(reviewerView.total).toEqual({ n: 60, atLeast: false });
    const auditorView = await listSessions(handle.db, viewerWithRole("auditor"), { statuses: ["marked_for_review"] });
    expect(auditorView.items.map((i) => i.id)).toEqual(reviewerView.items.map((i) => i.id));
    auditorView.items.forEach((item, n) => {
      expect(item.applicantName).not.toBe(reviewerView.items[n]!.applicantName);
      expect(item.applicantName).toMatch(/•••/);
    });
  });
});
