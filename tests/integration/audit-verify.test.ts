import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { desc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { recordAudit } from "@/lib/audit/append";
import { verifyAndRecordChain } from "@/lib/audit/chain-check";
import { createTestDatabase } from "../helpers/db";

const run = promisify(execFile);
const actor = { id: null, label: "test" };

/** Rewrites one row the way only someone with the table owner's rights could: trigger off, update, trigger on. */
async function tamper(handle: DatabaseHandle, seq: number) {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await tx.execute(sql`update audit_events set details = '{"forged": true}'::jsonb where seq = ${seq}`);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
  });
}

describe("verifying the audit chain", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it("reports an intact chain, records the check, then names the row changed behind the trigger's back", async () => {
    for (let n = 0; n < 5; n++) await recordAudit(handle.db, { actor, action: "session.view", details: { n } });
    const total = (await handle.db.select().from(auditEvents)).length;
    const intact = await verifyAndRecordChain(handle.db, { id: null, label: "tester" });
    expect(intact).toMatchObject({ ok: true, checked: total, brokenSeq: null, message: `audit chain intact: ${total} rows` });
    const [check] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(check).toMatchObject({ action: "audit.verify", actorLabel: "tester", details: { ok: true, checked: total } });

    const victim = total - 2;
    await tamper(handle, victim);
    const broken = await verifyAndRecordChain(handle.db, { id: null, label: "tester" });
    expect(broken).toMatchObject({ ok: false, brokenSeq: victim, checked: victim - 1 });
    expect(broken.message).toBe(`audit chain BROKEN at seq ${victim}: row content does not match its hash`);
    const [second] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(second!.details).toEqual({ ok: false, checked: victim - 1, brokenSeq: victim });
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
    await seeded.close();
  }, 60_000);

  it("prints an intact chain and exits 0, then names the tampered row and exits 1", async () => {
    const intact = await cli();
    expect(intact).toMatchObject({ code: 0, stdout: "audit chain intact: 3 rows\n" });

    const held = await openDatabase({ pgliteDir });
    // The CLI's own check is row 4: it is part of the chain now.
    expect((await held.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0]).toMatchObject({
      seq: 4,
      action: "audit.verify",
      actorLabel: "cli:audit:verify",
    });
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
