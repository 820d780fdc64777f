/**
 * Issue 6, fault 1: Verdict is killed (SIGKILL) after the provider applied a decision and
 * before Verdict committed it. After a restart the reconciler confirms it exactly once.
 *
 * The sandbox's `hang_after_apply` fault lets Didit and Beltic carry out the decision and then
 * never answer, so the server is provably inside that window when it is killed.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, decisions, outboundDeliveries, sessionEvents, users, verificationSessions } from "@/db/schema";
import { syncProvider } from "@/lib/sync/sync-provider";
import type { ApiRequestRecord } from "@/sandbox/request-log";
import { generateSandboxCredentials } from "@/scripts/sandbox-credentials";
import { callAction, claimAction, decideAction, signIn } from "./support/browser";
import {
  createApp,
  DRIVER,
  freshDatabase,
  providerAdapters,
  REVIEWER,
  runScript,
  seed,
  startSandboxProcess,
  waitFor,
  withDb,
  type App,
  type FaultDatabase,
} from "./support/stack";

const NAME = "crash";
const APP_PORT = 3400;
const SANDBOX_PORT = 4410;

type Case = { provider: "didit" | "beltic"; id: string; providerSessionId: string; version: number; decisionPath: string; appliedStatus: string };

describe(`a decision cut off by SIGKILL between the provider's success and Verdict's commit (${DRIVER})`, () => {
  const credentials = generateSandboxCredentials();
  let db: FaultDatabase;
  let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>;
  let app: App;
  const cases: Case[] = [];

  beforeAll(async () => {
    db = await freshDatabase(NAME);
    await seed(db);
    sandbox = await startSandboxProcess({ name: NAME, port: SANDBOX_PORT, appPort: APP_PORT, credentials, env: { SANDBOX_SESSION_COUNT: "30" } });
    // The review cases come from the providers, as a sync would bring them; the server is not up yet.
    const adapters = providerAdapters(credentials, sandbox.url);
    await withDb(db, async ({ db: database }) => {
      for (const provider of ["didit", "beltic"] as const) {
        expect(await syncProvider(database, adapters[provider]!, "manual")).toMatchObject({ state: "succeeded" });
        const [row] = await database
          .select()
          .from(verificationSessions)
          .where(and(eq(verificationSessions.provider, provider), eq(verificationSessions.status, "marked_for_review")))
          .limit(1);
        expect(row, `a ${provider} case waiting for review`).toBeDefined();
        cases.push({
          provider,
          id: row!.id,
          providerSessionId: row!.providerSessionId,
          version: row!.version,
          decisionPath: provider === "didit" ? `${row!.providerSessionId}/update-status` : `${row!.providerSessionId}/approve`,
          appliedStatus: provider === "didit" ? "Approved" : "approved",
        });
      }
    });
    app = createApp({
      name: NAME,
      port: APP_PORT,
      sandboxUrl: sandbox.url,
      credentials,
      db,
      env: {
        // Long enough that only the kill ends the hanging call.
        PROVIDER_TIMEOUT_MS: "120000",
        RECONCILE_INTERVAL_SECONDS: "2",
        RECONCILE_STALE_SECONDS: "10",
      },
    });
    await app.start();
  });

  afterAll(async () => {
    await app?.kill("SIGTERM");
    await sandbox?.stop();
    await db?.drop();
  });

  const decisionRequests = async (c: Case) =>
    (await sandbox.control<ApiRequestRecord[]>("requests")).filter((r) => r.provider === c.provider && r.method !== "GET" && r.path.includes(c.decisionPath));
  const providerStatus = async (c: Case) =>
    (await sandbox.control<Record<string, Array<{ id: string; status: string }>>>("state"))[c.provider]!.find((s) => s.id === c.providerSessionId)?.status;

  it("confirms each decision exactly once after the restart, with the audit chain intact", async () => {
    const cookie = await signIn(app.url, REVIEWER.email, REVIEWER.password);
    for (const c of cases) {
      const claimed = await callAction(app.url, cookie, `/sessions/${c.id}`, claimAction, { sessionId: c.id });
      expect(claimed).toMatchObject({ ok: true });
      await sandbox.control("faults", {
        provider: c.provider,
        mode: "hang_after_apply",
        count: 1,
        method: c.provider === "didit" ? "PATCH" : "POST",
        pathIncludes: c.decisionPath,
      });
    }

    // The reviewer presses Approve on both; neither answer will ever come back.
    const pending = cases.map((c) =>
      callAction(app.url, cookie, `/sessions/${c.id}`, decideAction, {
        sessionId: c.id,
        version: c.version,
        action: "approve",
        reasonCode: "DATA_VERIFIED",
        comment: `approved before the crash (${c.provider})`,
        idempotencyKey: `crash-test-${c.provider}-${c.id}`,
      }).then(
        (result) => ({ answered: true as const, result }),
        (error: unknown) => ({ answered: false as const, error }),
      ),
    );
    for (const c of cases) {
      await waitFor(`${c.provider} to apply the decision`, async () => (await decisionRequests(c)).length === 1 && (await providerStatus(c)) === c.appliedStatus);
    }
    await app.kill("SIGKILL");
    for (const outcome of await Promise.all(pending)) expect(outcome.answered, "the reviewer got no answer: the server died mid-call").toBe(false);

    // Inside the window: the provider has it, Verdict's own row still says `sent`.
    await withDb(db, async ({ db: database }) => {
      for (const c of cases) expect((await database.select().from(decisions).where(eq(decisions.sessionId, c.id))).map((r) => r.state)).toEqual(["sent"]);
    });

    await app.start();
    // One pass or two (on PostgreSQL each decision becomes due on its own), but two confirmations and no failure.
    const reconciled = (what: "confirmed" | "failed") =>
      [...app.output().matchAll(/\[reconcile\] (\d+) confirmed, (\d+) failed/g)].reduce((sum, m) => sum + Number(m[what === "confirmed" ? 1 : 2]), 0);
    await waitFor("the reconciler to confirm both decisions", () => reconciled("confirmed") >= 2, 120_000);
    // A few more reconciler passes must change nothing (checked below: still one of everything).
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(reconciled("confirmed")).toBe(2);
    expect(reconciled("failed")).toBe(0);
    await app.kill("SIGTERM");

    for (const c of cases) {
      expect(await decisionRequests(c), `${c.provider} received the decision once`).toHaveLength(1);
      expect(await providerStatus(c)).toBe(c.appliedStatus);
    }
    await withDb(db, async ({ db: database }) => {
      const [reviewer] = await database.select().from(users).where(eq(users.email, REVIEWER.email));
      for (const c of cases) {
        const rows = await database.select().from(decisions).where(eq(decisions.sessionId, c.id));
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ state: "confirmed", action: "approve", actorId: reviewer!.id, providerResponse: { reconciled: true } });
        const [session] = await database.select().from(verificationSessions).where(eq(verificationSessions.id, c.id));
        expect(session).toMatchObject({ status: "approved", assigneeId: null, claimExpiresAt: null });
        expect(session!.version).toBeGreaterThan(c.version);

        const audit = await database
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.targetType, "session"), eq(auditEvents.targetId, c.id)));
        const actions = audit.map((a) => a.action).filter((a) => a.startsWith("decision."));
        expect(actions.sort()).toEqual(["decision.confirmed", "decision.requested"]);
        const timeline = await database
          .select()
          .from(sessionEvents)
          .where(and(eq(sessionEvents.sessionId, c.id), eq(sessionEvents.type, "decision")));
        expect(timeline.map((e) => e.detail.state)).toEqual(["confirmed"]);
        const announced = (await database.select().from(outboundDeliveries)).filter(
          (d) => d.eventType === "decision.confirmed" && (d.payload.data as { sessionId?: string }).sessionId === c.id,
        );
        expect(announced).toHaveLength(1);
      }
    });

    const verify = await runScript("audit:verify", DRIVER === "pglite" ? { PGLITE_DIR: db.pgliteDir, DATABASE_URL: "" } : { DATABASE_URL: db.databaseUrl! });
    expect(verify.output).toMatch(/intact/);
    expect(verify.code).toBe(0);
  });
});
