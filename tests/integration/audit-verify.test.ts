import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { desc, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { recordAudit } from "@/lib/audit/append";
import { verifyAndRecordChain } from "@/lib/audit/chain-check";
import { verifyAuditChain } from "@/lib/audit/verify";
import { sealAudit } from "../helpers/audit";
import { createTestDatabase } from "../helpers/db";

const run = promisify(execFile);
const actor = { id: null, label: "test" };

/** Rewrites rows the way only someone with the table owner's rights could: trigger off, statement, trigger on. */
async function behindTheTrigger(handle: DatabaseHandle, statement: ReturnType<typeof sql>) {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
  });
}
const tamper = (handle: DatabaseHandle, seq: number) =>
  behindTheTrigger(handle, sql`update audit_events set details = '{"forged": true}'::jsonb where seq = ${seq}`);
const lastRow = async (handle: DatabaseHandle) => (await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0]!;

describe("verifying the audit chain", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it("reports an intact chain, records the check, then names the row changed behind the trigger's back", async () => {
    for (let n = 0; n < 5; n++) await recordAudit(handle.db, { actor, action: "session.view", details: { n } });
    await sealAudit(handle.db);
    const total = (await handle.db.select().from(auditEvents)).length;
    const intact = await verifyAndRecordChain(handle.db, { id: null, label: "tester" });
    expect(intact).toMatchObject({ ok: true, checked: total, unsealed: 0, brokenSeq: null, message: `audit chain intact: ${total} rows` });
    const check = await lastRow(handle);
    expect(check).toMatchObject({ action: "audit.verify", actorLabel: "tester", details: { ok: true, checked: total, unsealed: 0 }, hash: null });

    await sealAudit(handle.db);
    const victim = total - 2;
    await tamper(handle, victim);
    const broken = await verifyAndRecordChain(handle.db, { id: null, label: "tester" });
    expect(broken).toMatchObject({ ok: false, brokenSeq: victim, checked: victim - 1 });
    expect(broken.message).toBe(`audit chain BROKEN at seq ${victim}: row content does not match its hash`);
    expect((await lastRow(handle)).details).toEqual({ ok: false, checked: victim - 1, unsealed: 0, problem: "content", brokenSeq: victim });
  });
});

describe("what verify names", () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await createTestDatabase();
    for (let n = 0; n < 6; n++) await recordAudit(handle.db, { actor, action: "media.view", details: { n } });
    await sealAudit(handle.db);
  });
  afterEach(() => handle.close());

  it("a missing chain position, by the row after the gap", async () => {
    await behindTheTrigger(handle, sql`delete from audit_events where chain_seq = 3`);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, problem: "missing", brokenSeq: 4, chainSeq: 3, checked: 2 });
  });

  it("a row whose previous hash was rewritten to fit nothing", async () => {
    await behindTheTrigger(handle, sql`update audit_events set prev_hash = ${"a".repeat(64)} where chain_seq = 5`);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, problem: "prev_hash", brokenSeq: 5, checked: 4 });
  });

  it("a row moved to another id, since a sealed row's hash covers its own seq", async () => {
    // Rows chained after a gap have seq ≠ chain position: roll one back, then append and seal.
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(auditEvents).values({ at: new Date(), actorLabel: "gone", action: "media.view" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const { seq } = await recordAudit(handle.db, { actor, action: "media.view", details: { n: 7 } });
    await sealAudit(handle.db);
    const [sealed] = await handle.db.select().from(auditEvents).where(eq(auditEvents.seq, seq));
    expect(sealed).toMatchObject({ seq: 8, chainSeq: 7 });
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, checked: 7 });

    await behindTheTrigger(handle, sql`update audit_events set seq = 100 where seq = ${seq}`);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, problem: "content", brokenSeq: 100, chainSeq: 7, checked: 6 });
  });

  it("a row moved before the first position, which the database refuses and verify still finds", async () => {
    await expect(behindTheTrigger(handle, sql`update audit_events set chain_seq = -1 where chain_seq = 6`)).rejects.toThrow();
    await behindTheTrigger(handle, sql`alter table audit_events drop constraint audit_events_chain_seq_positive`);
    await behindTheTrigger(handle, sql`update audit_events set chain_seq = -1 where chain_seq = 6`);
    // The walk ends at position 5 intact; the row at -1 would be missed without the extra check.
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, problem: "outside", brokenSeq: 6, checked: 5 });
  });

  it("counts fresh unsealed rows, and fails on one left unsealed past the grace, naming the oldest", async () => {
    const { seq: oldest } = await recordAudit(handle.db, { actor, action: "session.view" });
    await recordAudit(handle.db, { actor, action: "session.view" });
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 6, unsealed: 2 });
    const later = new Date(Date.now() + 61_000);
    const stale = await verifyAuditChain(handle.db, { now: later });
    expect(stale).toMatchObject({ ok: false, problem: "unsealed", brokenSeq: oldest, chainSeq: null, checked: 6, unsealed: 2 });

    await sealAudit(handle.db);
    expect(await verifyAuditChain(handle.db, { now: later })).toEqual({ ok: true, checked: 8, unsealed: 0 });
  });
});

describe("npm run audit:verify", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-audit-verify-"));
  const pgliteDir = path.join(dir, "pglite");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cli = () =>
    run("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/audit-verify.ts"], {
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: pgliteDir },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  beforeAll(async () => {
    const seeded = await openDatabase({ pgliteDir });
    for (let n = 0; n < 3; n++) await recordAudit(seeded.db, { actor, action: "session.view", details: { n } });
    await sealAudit(seeded.db);
    await seeded.close();
  }, 60_000);

  it("prints an intact chain and what is still sealing, exits 0, then names the tampered row and exits 1", async () => {
    expect(await cli()).toMatchObject({ code: 0, stdout: "audit chain intact: 3 rows\n" });
    // Its own check is row 4, committed but not sealed: the CLI does not seal, the server's job does.
    expect(await cli()).toMatchObject({ code: 0, stdout: "audit chain intact: 3 rows; 1 row still sealing\n" });

    const held = await openDatabase({ pgliteDir });
    expect(await lastRow(held)).toMatchObject({ seq: 5, action: "audit.verify", actorLabel: "cli:audit:verify", details: { ok: true, checked: 3, unsealed: 1 } });
    await sealAudit(held.db);
    await tamper(held, 2);

    // While another process holds the embedded database, the CLI refuses and points at the UI.
    const locked = await cli();
    expect(locked.code).toBe(2);
    expect(locked.stderr).toMatch(/is in use by process \d+/);
    expect(locked.stderr).toContain("Verify chain");
    await held.close();

    const broken = await cli();
    expect(broken).toMatchObject({ code: 1, stdout: "audit chain BROKEN at seq 2: row content does not match its hash\n" });
  }, 120_000);
});
