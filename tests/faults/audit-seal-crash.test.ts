/**
 * Issue 11, item 2: audit rows commit unsealed and the `audit.seal` job chains them afterwards.
 * Verdict is killed (SIGKILL) in a storm of audited case views, and rows are left committed but
 * unsealed (some by the storm, a known batch as a dead server's last commits). After a restart
 * the job seals every one of them and the chain verifies, in the UI and with `audit:verify`.
 */
import { inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, verificationSessions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/append";
import type { ChainCheckDTO } from "@/lib/audit/chain-types";
import { verifyAuditChain } from "@/lib/audit/verify";
import { generateSandboxCredentials } from "@/scripts/sandbox-credentials";
import { callAction, signIn } from "./support/browser";
import { createApp, DRIVER, freshDatabase, REVIEWER, runScript, seed, sleep, waitFor, withDb, type App, type FaultDatabase } from "./support/stack";

const NAME = "audit-seal";
const APP_PORT = 3302;
// Nothing listens here: case views read the database only.
const SANDBOX_URL = "http://127.0.0.1:4302";
const AUDITOR = { email: "faults.auditor@example.test", name: "Aud Faults", role: "auditor", password: "faults-auditor-password-1" };
const verifyAction = { file: "app/(app)/audit/actions.ts", name: "verifyAuditChainAction" };

describe(`audit rows committed but not sealed when the server dies (${DRIVER})`, () => {
  let db: FaultDatabase;
  let app: App;
  let sessionId: string;

  beforeAll(async () => {
    db = await freshDatabase(NAME);
    await seed(db, [REVIEWER, AUDITOR]);
    sessionId = await withDb(db, async ({ db: database }) => {
      const [row] = await database
        .insert(verificationSessions)
        .values({ provider: "didit", providerSessionId: "audit-seal-case", status: "marked_for_review", rawStatus: "In Review", applicantName: "Ada Storm" })
        .returning({ id: verificationSessions.id });
      return row!.id;
    });
    app = createApp({ name: NAME, port: APP_PORT, sandboxUrl: SANDBOX_URL, credentials: generateSandboxCredentials(), db });
    await app.start();
  });

  afterAll(async () => {
    await app?.kill("SIGTERM");
    await db?.drop();
  });

  it("seals every committed row after a restart, and the chain verifies", async () => {
    const reviewer = await signIn(app.url, REVIEWER.email, REVIEWER.password);
    // Each case view by a reviewer is a read of personal data: one audit row, committed before the page answers.
    let viewing = true;
    let views = 0;
    const viewer = async () => {
      while (viewing) {
        const response = await fetch(`${app.url}/sessions/${sessionId}`, { headers: { cookie: reviewer } }).catch(() => null);
        await response?.body?.cancel().catch(() => undefined);
        if (response?.ok) views += 1;
      }
    };
    const storm = [viewer(), viewer(), viewer(), viewer()];
    await waitFor("case views to be audited", () => views >= 20, 120_000);
    await app.kill("SIGKILL");
    viewing = false;
    await Promise.all(storm);

    // What a server killed between its commits and the next seal leaves behind, whatever the storm left.
    const leftUnsealed = await withDb(db, async ({ db: database }) => {
      const seqs: number[] = [];
      for (let n = 0; n < 25; n++) seqs.push((await recordAudit(database, { actor: { id: null, label: "faults" }, action: "session.view", details: { n } })).seq);
      const unsealed = await database.select({ seq: auditEvents.seq }).from(auditEvents).where(isNull(auditEvents.hash));
      expect(unsealed.length).toBeGreaterThanOrEqual(seqs.length);
      // Left like this, verify says so once the grace has passed: nothing seals while the server is down.
      expect(await verifyAuditChain(database, { now: new Date(Date.now() + 120_000) })).toMatchObject({ ok: false, problem: "unsealed" });
      return unsealed.map((r) => r.seq);
    });

    await app.start();
    const auditor = await signIn(app.url, AUDITOR.email, AUDITOR.password);
    // Each check appends its own audit.verify row after walking; the job seals it before the next one.
    const report = await waitFor(
      "the audit.seal job to chain every committed row",
      async () => {
        const result = await callAction<ChainCheckDTO>(app.url, auditor, "/audit", verifyAction, {});
        if (!result.ok) throw new Error(result.error.message);
        if (!result.data.ok) throw new Error(result.data.message);
        return result.data.unsealed === 0 ? result.data : (await sleep(500), false);
      },
      120_000,
    );
    expect(report.message).toMatch(/^audit chain intact: \d+ rows$/);
    await app.kill("SIGTERM");

    await withDb(db, async ({ db: database }) => {
      const sealed = await database.select().from(auditEvents).where(inArray(auditEvents.seq, leftUnsealed));
      expect(sealed).toHaveLength(leftUnsealed.length);
      expect(sealed.filter((row) => row.chainSeq === null || row.hash === null)).toEqual([]);
      // Only the checks made after the last seal may still wait for it.
      const waiting = await database.select({ action: auditEvents.action }).from(auditEvents).where(isNull(auditEvents.hash));
      expect(waiting.filter((row) => row.action !== "audit.verify")).toEqual([]);
      expect(report.checked).toBeGreaterThanOrEqual(views + 25);
    });
    const verify = await runScript("audit:verify", DRIVER === "pglite" ? { PGLITE_DIR: db.pgliteDir, DATABASE_URL: "" } : { DATABASE_URL: db.databaseUrl! });
    expect(verify.output).toMatch(/audit chain intact/);
    expect(verify.code).toBe(0);
  });
});
