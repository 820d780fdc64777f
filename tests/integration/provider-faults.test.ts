import { count } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import { createBelticAdapter } from "@/lib/providers/beltic";
import { createDiditAdapter } from "@/lib/providers/didit";
import { syncProvider } from "@/lib/sync/sync-provider";
import { createTestDatabase } from "../helpers/db";
import { startTestSandbox, type RunningSandbox } from "../helpers/sandbox";

const beltic = { apiKey: "sk_staging_faults_test", webhookSecret: "faults-beltic-secret" };
const didit = { apiKey: "faults-didit-key", webhookSecret: "faults-didit-secret" };

describe("sync through provider faults injected by the sandbox", () => {
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([createTestDatabase(), startTestSandbox({ sessionCount: 12, beltic, didit })]);
  });
  beforeEach(() => sandbox.faults.clear());
  afterAll(async () => {
    await sandbox.close();
    await handle.close();
  });

  const belticAdapter = (timeoutMs = 5000) => createBelticAdapter({ ...beltic, baseUrl: `${sandbox.url}/beltic`, timeoutMs, retries: 2 });
  const sessions = async () => (await handle.db.select({ n: count() }).from(verificationSessions))[0]!.n;

  it("rides out a 429 by honouring Retry-After", async () => {
    sandbox.faults.arm("beltic", "rate_limit", 1, 1);
    const started = Date.now();
    const summary = await syncProvider(handle.db, belticAdapter(), "manual");
    expect(summary).toMatchObject({ state: "succeeded", error: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await sessions()).toBeGreaterThan(0);
  });

  it("reports a provider that keeps failing with a clear message, and keeps what it had", async () => {
    const before = await sessions();
    sandbox.faults.arm("beltic", "error_500", 10);
    const summary = await syncProvider(handle.db, belticAdapter(), "manual");
    expect(summary.state).toBe("failed");
    expect(summary.error).toMatch(/Beltic is unavailable right now \(HTTP 500\)/);
    expect(await sessions()).toBe(before);
  });

  it("gives up on a provider that does not answer, without holding up another provider", async () => {
    sandbox.faults.arm("beltic", "timeout", 10);
    const [slow, healthy] = await Promise.all([
      syncProvider(handle.db, belticAdapter(300), "manual"),
      syncProvider(handle.db, createDiditAdapter({ ...didit, baseUrl: `${sandbox.url}/didit`, retries: 0 }), "manual"),
    ]);
    expect(slow.state).toBe("failed");
    expect(slow.error).toMatch(/did not answer/);
    expect(healthy).toMatchObject({ state: "succeeded", fetched: 12 });
  });
});
