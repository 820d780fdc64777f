import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { auditEvents, roles, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";
import { ensureBuiltInRoles } from "@/lib/auth/roles";
import { sealAudit } from "../helpers/audit";
import { createTestDatabase } from "../helpers/db";

const run = promisify(execFile);

describe("schema and audit log", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it("creates the built-in roles from the permission table", async () => {
    const rows = await handle.db.select().from(roles);
    expect(rows.map((r) => r.key).sort()).toEqual(["admin", "auditor", "lead", "reviewer"]);
    expect(rows.find((r) => r.key === "auditor")?.permissions).toEqual(["sessions:read", "audit:read", "audit:export"]);
  });

  it("chains audit rows and the database refuses to edit or delete them", async () => {
    await recordAudit(handle.db, { actor: { id: null, label: "test" }, action: "session.view" });
    const { seq } = await recordAudit(handle.db, { actor: { id: null, label: "test" }, action: "media.view", details: { n: 2 } });
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 0, unsealed: 2 });
    expect(await sealAudit(handle.db)).toBe(2);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: seq, unsealed: 0 });
    await expect(handle.db.update(auditEvents).set({ actorLabel: "forged" }).where(eq(auditEvents.seq, 1))).rejects.toThrow();
    await expect(handle.db.delete(auditEvents).where(eq(auditEvents.seq, 1))).rejects.toThrow();
    await expect(handle.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    expect((await handle.db.select().from(auditEvents)).length).toBe(seq);
  });

  it("names the first broken row when a row was changed behind the trigger's back", async () => {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
      await tx.execute(sql`update audit_events set details = '{"n": 3}'::jsonb where seq = 2`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    });
    const report = await verifyAuditChain(handle.db);
    expect(report).toMatchObject({ ok: false, brokenSeq: 2 });
  });
});

describe("embedded database directory", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-pglite-"));
  const pgliteDir = path.join(dir, "nested", "pglite");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps data across a close and reopen, and refuses a second opener while open", async () => {
    const first = await openDatabase({ pgliteDir });
    await ensureBuiltInRoles(first.db);
    await first.db.insert(users).values({ email: "kept@example.test", name: "Kept", passwordHash: "x", roleKey: "reviewer" });
    await expect(openDatabase({ pgliteDir })).rejects.toThrow(DatabaseLockedError);

    // The user-facing path: the CLI run against a directory the server holds.
    const cli = run("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/user-create.ts", "--email", "x@example.test", "--role", "admin"], {
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: pgliteDir, VERDICT_USER_PASSWORD: "a-long-enough-password" },
    });
    const failure = await cli.then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/is in use by process \d+/);

    await first.close();
    const second = await openDatabase({ pgliteDir });
    const rows = await second.db.select({ email: users.email }).from(users);
    expect(rows).toEqual([{ email: "kept@example.test" }]);
    await second.close();
  }, 60_000);

  it("takes over a lock left by a process that died", async () => {
    fs.writeFileSync(`${pgliteDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 7, host: os.hostname(), startedAt: "", command: "gone" }));
    const reopened = await openDatabase({ pgliteDir });
    await reopened.close();
    expect(fs.existsSync(`${pgliteDir}.lock`)).toBe(false);
  }, 60_000);
});
