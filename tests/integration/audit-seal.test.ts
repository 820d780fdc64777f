import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq, inArray, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { appendAudit, recordAudit } from "@/lib/audit/append";
import { sealAuditChain } from "@/lib/audit/seal";
import { verifyAuditChain } from "@/lib/audit/verify";
import { sealAudit } from "../helpers/audit";
import { createTestDatabase } from "../helpers/db";

const actor = { id: null, label: "test" };
const onPostgres = Boolean(process.env.DATABASE_URL);

/** The database's own words when it refuses a statement (drizzle wraps them as the cause). */
const refusal = (statement: Promise<unknown>) =>
  statement.then(
    () => "accepted",
    (error: { message: string; cause?: { message?: string } }) => error.cause?.message ?? error.message,
  );

describe("sealing the audit chain", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it("chains every committed row of many concurrent writers and sealers, once each, skipping rolled-back ones", async () => {
    let appending = true;
    const sealer = async () => {
      while (appending) {
        await sealAuditChain(handle.db, { limit: 7 });
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const sealers = [sealer(), sealer(), sealer()];
    const writes = Array.from({ length: 240 }, (_, n) =>
      handle.db.transaction(async (tx) => {
        const { seq } = await appendAudit(tx, { actor, action: "webhook.receive", details: { n } });
        // Every eighth business transaction fails after its audit row was written: a gap in seq.
        if (n % 8 === 0) throw new Error(`rolled back ${seq}`);
        return seq;
      }),
    );
    const outcomes = await Promise.allSettled(writes);
    appending = false;
    await Promise.all(sealers);
    await sealAudit(handle.db);

    const committed = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    expect(committed).toHaveLength(210);
    const rows = await handle.db.select().from(auditEvents).orderBy(asc(auditEvents.chainSeq));
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual([...committed].sort((a, b) => a - b));
    expect(rows.map((r) => r.chainSeq)).toEqual(rows.map((_, index) => index + 1));
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 210, unsealed: 0 });
    expect(await sealAuditChain(handle.db)).toEqual({ sealed: 0, remaining: false });
  });

  it("says when more is left than one run seals", async () => {
    for (let n = 0; n < 5; n++) await recordAudit(handle.db, { actor, action: "session.view" });
    expect(await sealAuditChain(handle.db, { limit: 3 })).toEqual({ sealed: 3, remaining: true });
    expect(await sealAuditChain(handle.db, { limit: 3 })).toEqual({ sealed: 2, remaining: false });
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  // PGlite has one connection: a second transaction waits for the first, so none can commit "late" there.
  it.skipIf(!onPostgres)("seals a row whose transaction commits after a later row was sealed, after it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let appended!: (seq: number) => void;
    const lateSeq = new Promise<number>((resolve) => (appended = resolve));
    const late = handle.db.transaction(async (tx) => {
      const { seq } = await appendAudit(tx, { actor, action: "decision.requested" });
      appended(seq);
      await gate;
      return seq;
    });
    const lateRow = await lateSeq;
    const { seq: early } = await recordAudit(handle.db, { actor, action: "session.view" });
    await sealAudit(handle.db);
    const sealedSoFar = await handle.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.seq, [lateRow, early]));
    expect(sealedSoFar.map((r) => ({ seq: r.seq, sealed: r.hash !== null }))).toEqual([{ seq: early, sealed: true }]);

    release();
    await late;
    await sealAudit(handle.db);
    const [earlyRow] = await handle.db.select().from(auditEvents).where(eq(auditEvents.seq, early));
    const [lateSealed] = await handle.db.select().from(auditEvents).where(eq(auditEvents.seq, lateRow));
    expect(lateRow).toBeLessThan(early);
    expect(lateSealed!.chainSeq).toBe(earlyRow!.chainSeq! + 1);
    expect(lateSealed!.prevHash).toBe(earlyRow!.hash);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});

describe("the append-only trigger", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it("allows only the seal of an unsealed row, once, with nothing else changed", async () => {
    const { seq: sealed } = await recordAudit(handle.db, { actor, action: "session.view", details: { n: 1 } });
    await sealAudit(handle.db);
    const { seq: open } = await recordAudit(handle.db, { actor, action: "session.view", details: { n: 2 } });
    const hash = "b".repeat(64);

    expect(await refusal(handle.db.execute(sql`update audit_events set hash = ${hash} where seq = ${sealed}`))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(handle.db.execute(sql`update audit_events set chain_seq = 9 where seq = ${sealed}`))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(handle.db.execute(sql`update audit_events set details = '{"n": 3}'::jsonb where seq = ${open}`))).toMatch(/append-only: UPDATE refused/);
    // Sealing and changing the content in one statement is a change, not a seal.
    const sealAndChange = sql`update audit_events set chain_seq = 2, prev_hash = ${hash}, hash = ${hash}, actor_label = 'forged' where seq = ${open}`;
    expect(await refusal(handle.db.execute(sealAndChange))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(handle.db.execute(sql`delete from audit_events where seq = ${open}`))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(handle.db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE refused/);
    const sealedInsert = sql`insert into audit_events (at, actor_label, action, chain_seq, prev_hash, hash) values (now(), 'x', 'session.view', 2, ${hash}, ${hash})`;
    expect(await refusal(handle.db.execute(sealedInsert))).toMatch(/inserted unsealed/);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 1, unsealed: 1 });

    // The trigger checks the seal's shape, not its hash: a hand-made seal is let in, and verify names it.
    expect(await refusal(handle.db.execute(sql`update audit_events set chain_seq = 2, prev_hash = ${hash}, hash = ${hash} where seq = ${open}`))).toBe("accepted");
    expect(await refusal(handle.db.execute(sql`update audit_events set hash = ${"c".repeat(64)} where seq = ${open}`))).toMatch(/append-only: UPDATE refused/);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, problem: "prev_hash", brokenSeq: open, checked: 1 });
  });
});

/** A database migrated only up to the migration before sealing: the layout existing deployments have. */
async function databaseBeforeSealing(): Promise<{ open: (migrationsFolder?: string) => Promise<DatabaseHandle>; drop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-audit-seal-"));
  const drop: (() => Promise<void>)[] = [async () => fs.rmSync(dir, { recursive: true, force: true })];
  let databaseUrl: string | undefined;
  if (onPostgres) {
    const name = `verdict_test_${randomBytes(6).toString("hex")}`;
    const admin = async (query: string) => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(query);
      await client.end();
    };
    await admin(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    drop.push(() => admin(`drop database if exists ${name} with (force)`));
  }
  const source = path.join(process.cwd(), "db", "migrations");
  const journal = JSON.parse(fs.readFileSync(path.join(source, "meta", "_journal.json"), "utf8")) as { entries: { idx: number; tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === "0010_audit_sealer");
  const before = path.join(dir, "migrations");
  fs.mkdirSync(path.join(before, "meta"), { recursive: true });
  fs.writeFileSync(path.join(before, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  for (const entry of journal.entries.slice(0, cut)) fs.copyFileSync(path.join(source, `${entry.tag}.sql`), path.join(before, `${entry.tag}.sql`));
  return {
    open: (migrationsFolder) => openDatabase({ databaseUrl, pgliteDir: path.join(dir, "pglite"), migrationsFolder: migrationsFolder ?? before }),
    drop: async () => {
      for (const step of drop.reverse()) await step();
    },
  };
}

describe("migrating a chain written before sealing existed", () => {
  it("keeps every old row valid with its stored hash, then chains new rows after them", async () => {
    const database = await databaseBeforeSealing();
    try {
      const old = await database.open();
      // Written the way the old appendAudit did: seq = position, hash over the row without `row`.
      const { createHash } = await import("node:crypto");
      const { canonicalJson, GENESIS_HASH } = await import("@/lib/audit/hash");
      let prevHash = GENESIS_HASH;
      const legacy: { seq: number; hash: string }[] = [];
      for (let seq = 1; seq <= 3; seq++) {
        const at = new Date(Date.UTC(2025, 0, seq));
        const row = {
          seq,
          at: at.toISOString(),
          actorId: null,
          actorLabel: "system",
          action: "provider.sync",
          targetType: "provider",
          targetId: "didit",
          details: { n: seq },
        };
        const hash = createHash("sha256").update(prevHash).update(canonicalJson(row)).digest("hex");
        await old.db.execute(sql`insert into audit_events (seq, at, actor_label, action, target_type, target_id, details, prev_hash, hash)
          values (${seq}, ${row.at}, 'system', 'provider.sync', 'provider', 'didit', ${JSON.stringify(row.details)}::jsonb, ${prevHash}, ${hash})`);
        legacy.push({ seq, hash });
        prevHash = hash;
      }
      await old.close();

      const migrated = await database.open(path.join(process.cwd(), "db", "migrations"));
      try {
        const rows = await migrated.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
        expect(rows.map((r) => ({ seq: r.seq, chainSeq: r.chainSeq, hash: r.hash }))).toEqual(legacy.map((l) => ({ ...l, chainSeq: l.seq })));
        expect(await verifyAuditChain(migrated.db)).toEqual({ ok: true, checked: 3, unsealed: 0 });
        const { seq } = await recordAudit(migrated.db, { actor, action: "session.view" });
        expect(seq).toBe(4);
        await sealAudit(migrated.db);
        const [next] = await migrated.db.select().from(auditEvents).where(eq(auditEvents.seq, seq));
        expect(next).toMatchObject({ chainSeq: 4, prevHash: legacy[2]!.hash });
        expect(await verifyAuditChain(migrated.db)).toEqual({ ok: true, checked: 4, unsealed: 0 });
      } finally {
        await migrated.close();
      }
    } finally {
      await database.drop();
    }
  }, 120_000);
});
