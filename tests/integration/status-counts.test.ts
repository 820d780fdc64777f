import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database, type DatabaseHandle } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { verificationSessions } from "@/db/schema";
import { listQueue } from "@/lib/review/queue";
import { formatCount } from "@/lib/sessions/counts";
import { foldStatusCounts } from "@/lib/sessions/fold-status-counts";
import { listSessions } from "@/lib/sessions/list-sessions";
import type { CommonStatus } from "@/lib/sessions/status";
import { createTestDatabase } from "../helpers/db";
import { viewerWithRole } from "../helpers/viewer";

type Tally = { provider: string; status: string; n: number };

const session = (provider: string, status: CommonStatus, name = "someone") => ({
  provider,
  providerSessionId: `sc-${randomUUID()}`,
  status,
  rawStatus: status,
  applicantName: name,
});

/** What the counters say, per provider and status (slots summed, zero sums left out). */
const counted = async (db: Database) =>
  rowsOf<Tally>(
    await db.execute(
      sql`select provider, status, sum(n)::int as n from session_status_counts group by provider, status having sum(n) <> 0 order by provider, status`,
    ),
  );
/** What the table holds, counted the slow way. */
const actual = async (db: Database) =>
  rowsOf<Tally>(await db.execute(sql`select provider, status, count(*)::int as n from verification_sessions group by provider, status order by provider, status`));

describe("session_status_counts, kept by triggers", () => {
  let handle: DatabaseHandle;
  let db: Database;
  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
  });
  afterAll(async () => handle.close());
  beforeEach(async () => {
    await db.execute(sql`truncate verification_sessions cascade`);
  });
  const expectInStep = async () => expect(await counted(db)).toEqual(await actual(db));

  it("follows inserts, bulk inserts, status and provider changes, upserts and deletes", async () => {
    await db.insert(verificationSessions).values(session("didit", "created"));
    await db.insert(verificationSessions).values([session("didit", "pending"), session("bynn", "pending"), session("bynn", "approved")]);
    await db.execute(sql`
      insert into verification_sessions (provider, provider_session_id, status, raw_status)
      select (array['didit','beltic','idenfy','bynn'])[1 + i % 4], 'bulk-' || i, (array['pending','marked_for_review','approved'])[1 + i % 3], 'raw'
      from generate_series(1, 600) i`);
    await expectInStep();
    expect((await counted(db)).find((t) => t.provider === "beltic" && t.status === "approved")).toEqual({ provider: "beltic", status: "approved", n: 50 });

    await db.update(verificationSessions).set({ status: "approved" }).where(eq(verificationSessions.status, "pending"));
    await expectInStep();
    await db.execute(sql`update verification_sessions set provider = 'beltic' where provider = 'idenfy' and status = 'marked_for_review'`);
    await expectInStep();
    // Changes that keep status and provider (a claim, a version bump) leave the counters alone.
    await db.execute(sql`update verification_sessions set version = version + 1, raw_status = 'other'`);
    await expectInStep();
    // The webhook path: insert or, on the provider's key, update the status.
    const [existing] = await db.select().from(verificationSessions).where(eq(verificationSessions.status, "created"));
    for (const s of [session("didit", "pending"), { ...session("didit", "declined"), providerSessionId: existing!.providerSessionId }]) {
      await db
        .insert(verificationSessions)
        .values(s)
        .onConflictDoUpdate({ target: [verificationSessions.provider, verificationSessions.providerSessionId], set: { status: s.status, rawStatus: s.rawStatus } });
    }
    await expectInStep();
    expect((await counted(db)).some((t) => t.status === "created")).toBe(false);

    await db.execute(sql`delete from verification_sessions where provider = 'bynn' or provider_session_id like 'bulk-1%'`);
    await expectInStep();
  });

  it("leaves no trace of a rolled-back transaction", async () => {
    await db.insert(verificationSessions).values([session("didit", "pending"), session("didit", "approved")]);
    const before = await counted(db);
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(verificationSessions).values([session("didit", "pending"), session("beltic", "expired")]);
        await tx.update(verificationSessions).set({ status: "declined" }).where(eq(verificationSessions.status, "approved"));
        await tx.execute(sql`delete from verification_sessions where status = 'pending'`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await counted(db)).toEqual(before);
    await expectInStep();
  });

  it("stays exact under concurrent transactions on the same provider and status", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.transaction(async (tx) => {
          const [a, b, c] = await tx
            .insert(verificationSessions)
            .values([session("idenfy", "pending"), session("idenfy", "pending"), session("idenfy", "pending")])
            .returning({ id: verificationSessions.id });
          await tx.update(verificationSessions).set({ status: "approved" }).where(eq(verificationSessions.id, a!.id));
          await tx
            .update(verificationSessions)
            .set({ provider: i % 2 ? "bynn" : "didit" })
            .where(eq(verificationSessions.id, b!.id));
          await tx.delete(verificationSessions).where(eq(verificationSessions.id, c!.id));
        }),
      ),
    );
    await expectInStep();
    const total = (await counted(db)).reduce((sum, t) => sum + t.n, 0);
    expect(total).toBe(12 * 2);
  });

  it("is emptied by a truncate", async () => {
    await db.insert(verificationSessions).values(session("didit", "pending"));
    await db.execute(sql`truncate verification_sessions cascade`);
    expect(await counted(db)).toEqual([]);
    expect(rowsOf(await db.execute(sql`select 1 from session_status_counts`))).toEqual([]);
  });

  it("folds the per-transaction rows into one per provider and status, the sums unchanged", async () => {
    for (const status of ["pending", "approved", "declined"] as const)
      await db.insert(verificationSessions).values([session("didit", status), session("idenfy", status)]);
    await db.update(verificationSessions).set({ status: "approved" }).where(eq(verificationSessions.status, "pending"));
    const before = await counted(db);
    expect(rowsOf(await db.execute(sql`select 1 from session_status_counts where slot <> 0`)).length).toBeGreaterThan(0);
    expect((await foldStatusCounts(db)).folded).toBeGreaterThan(0);
    expect(await counted(db)).toEqual(before);
    expect(rowsOf(await db.execute(sql`select 1 from session_status_counts where slot <> 0`))).toEqual([]);
    await expectInStep();
    expect(await foldStatusCounts(db)).toEqual({ folded: 0 });
  });

  // Two transactions changing two sessions in opposite orders: on shared counter rows each would
  // wait for the other's (a deadlock, one aborted); on rows of their own both commit.
  it.skipIf(!process.env.DATABASE_URL)("lets two writers change sessions in opposite orders without a deadlock", async () => {
    const [a, b] = await db
      .insert(verificationSessions)
      .values([session("didit", "pending"), session("didit", "marked_for_review")])
      .returning({ id: verificationSessions.id });
    const step = (tx: Parameters<Parameters<Database["transaction"]>[0]>[0], id: string, status: CommonStatus) =>
      tx.update(verificationSessions).set({ status }).where(eq(verificationSessions.id, id));
    let firstDone!: () => void;
    const firstStepped = new Promise<void>((resolve) => (firstDone = resolve));
    let secondDone!: () => void;
    const secondStepped = new Promise<void>((resolve) => (secondDone = resolve));
    const one = db.transaction(async (tx) => {
      await step(tx, a!.id, "approved"); // pending −1, approved +1
      firstDone();
      await secondStepped;
      await tx.execute(sql`set local lock_timeout = '5s'`);
      await step(tx, b!.id, "declined"); // marked_for_review −1, declined +1
    });
    const two = db.transaction(async (tx) => {
      await firstStepped;
      // Takes session b's row, and writes "approved" +1 while `one` holds its own "approved" +1:
      // on a shared counter row this waits for `one`, which then waits for b: a deadlock.
      await step(tx, b!.id, "approved");
      secondDone();
    });
    await one;
    await two;
    await expectInStep();
  });

  // Two connections at once need PostgreSQL; PGlite runs one transaction at a time.
  it.skipIf(!process.env.DATABASE_URL)("lets a second writer commit while the first still holds its counts (rows of its own)", async () => {
    const pendingDidit = async () => (await counted(db)).find((t) => t.provider === "didit" && t.status === "pending")?.n ?? 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const firstHolds = new Promise<void>((resolve) => (holding = resolve));
    const first = db.transaction(async (tx) => {
      await tx.insert(verificationSessions).values(session("didit", "pending"));
      holding();
      await held;
    });
    await firstHolds;
    try {
      // Waiting on the first writer's counter row would run into the lock timeout and fail.
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '5s'`);
        await tx.insert(verificationSessions).values(session("didit", "pending"));
      });
      expect(await pendingDidit()).toBe(1);
    } finally {
      release();
      await first;
    }
    expect(await pendingDidit()).toBe(2);
    await expectInStep();
  });
});

describe("counts that stop at 1,000 and say so", () => {
  let handle: DatabaseHandle;
  const lead = viewerWithRole("lead");
  beforeAll(async () => {
    handle = await createTestDatabase();
    // 1,000 pending and 1,001 failed sessions named "Capped", in March 2025; 1,003 cases in review.
    await handle.db.execute(sql`
      insert into verification_sessions (provider, provider_session_id, status, raw_status, applicant_name, provider_created_at)
      select 'didit', 'cap-' || i, case when i <= 1000 then 'pending' else 'failed' end, 'raw', 'Capped ' || i, timestamptz '2025-03-10' + i * interval '1 minute'
      from generate_series(1, 2001) i`);
    await handle.db.execute(sql`
      insert into verification_sessions (provider, provider_session_id, status, raw_status, applicant_name, provider_created_at)
      select 'bynn', 'review-' || i, 'marked_for_review', 'raw', 'Waiting ' || i, timestamptz '2025-01-01' + i * interval '1 minute'
      from generate_series(1, 1003) i`);
  });
  afterAll(async () => handle.close());

  it("counts exactly from the counters when only providers narrow the list", async () => {
    const list = await listSessions(handle.db, lead, { providers: ["didit"] });
    expect(list.counts.pending).toEqual({ n: 1000, atLeast: false });
    expect(list.counts.failed).toEqual({ n: 1001, atLeast: false });
    expect(list.total).toEqual({ n: 2001, atLeast: false });
    expect(formatCount(list.total)).toBe("2,001");
  });

  it("counts a search exactly up to 1,000 matches", async () => {
    // "Capped 2", "Capped 20"–"29", "200"–"299" are pending; "2000" and "2001" failed.
    const list = await listSessions(handle.db, lead, { q: "capped 2" });
    expect(list.counts.pending).toEqual({ n: 111, atLeast: false });
    expect(list.counts.failed).toEqual({ n: 2, atLeast: false });
    expect(list.total).toEqual({ n: 113, atLeast: false });
  });

  it("past 1,000 matches, labels every count of a search as a lower bound", async () => {
    const list = await listSessions(handle.db, lead, { q: "capped", statuses: ["failed"] });
    expect(list.total).toEqual({ n: 1000, atLeast: true });
    expect(formatCount(list.total)).toBe("1,000+");
    expect(list.counts.pending.n + list.counts.failed.n).toBe(1000);
    for (const status of ["pending", "failed", "approved", "marked_for_review"] as const) expect(list.counts[status].atLeast, status).toBe(true);
    expect(list.matching).toEqual({ n: list.counts.failed.n, atLeast: true });
    expect(formatCount(list.counts.approved)).toBe("0+");
    expect(list.items).toHaveLength(50);
  });

  it("caps a date range's counts the same way", async () => {
    const list = await listSessions(handle.db, lead, { from: "2025-03-01", to: "2025-03-31" });
    expect(list.counts.failed).toEqual({ n: 1000, atLeast: true });
    expect(list.counts.pending).toEqual({ n: 1000, atLeast: false });
    const narrow = await listSessions(handle.db, lead, { from: "2025-01-01", to: "2025-01-01" });
    // The 1,003 review cases all fall on 1 January; nothing else does.
    expect(narrow.counts.marked_for_review).toEqual({ n: 1000, atLeast: true });
    expect(narrow.counts.pending).toEqual({ n: 0, atLeast: false });
  });

  it("shows the oldest 50 queue cases and caps the queue's counts", async () => {
    const queue = await listQueue({ db: handle.db, viewer: lead, now: new Date("2025-06-01T00:00:00Z") });
    expect(queue.items).toHaveLength(50);
    expect(queue.items[0]!.applicantName).toBe("Waiting 1");
    expect(queue.items.at(-1)!.applicantName).toBe("Waiting 50");
    expect(queue).toMatchObject({ total: { n: 1000, atLeast: true }, unclaimed: { n: 1000, atLeast: true }, overdue: { n: 1000, atLeast: true }, limit: 50 });
  });
});

describe("migration 0009 on a database that already holds sessions", () => {
  const migrations = path.join(process.cwd(), "db", "migrations");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-0009-"));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  /** The migrations folder as it was before 0009: its SQL files and a journal that stops at 0008. */
  function foldersBefore0009(): string {
    const folder = path.join(scratch, "migrations");
    fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(migrations, "meta", "_journal.json"), "utf8")) as { entries: { idx: number; tag: string }[] };
    journal.entries = journal.entries.filter((entry) => entry.idx < 9);
    for (const entry of journal.entries) fs.copyFileSync(path.join(migrations, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
    fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
    return folder;
  }

  /** Opens the same database twice (first migrated to 0008, then fully) on either driver. */
  async function sameDatabase(): Promise<{ open: (migrationsFolder?: string) => Promise<DatabaseHandle>; drop: () => Promise<void> }> {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const dir = path.join(scratch, "pglite");
      return { open: (migrationsFolder) => openDatabase({ pgliteDir: dir, migrationsFolder }), drop: async () => {} };
    }
    const name = `verdict_test_${randomBytes(6).toString("hex")}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    await admin(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      open: (migrationsFolder) => openDatabase({ databaseUrl: url.toString(), migrationsFolder }),
      drop: () => admin(`drop database if exists ${name} with (force)`),
    };
  }

  // Opens PGlite from disk twice: slower than the in-memory databases of the other tests.
  it("backfills the counters from the rows already there", { timeout: 120_000 }, async () => {
    const database = await sameDatabase();
    try {
      const old = await database.open(foldersBefore0009());
      await old.db.execute(sql`
        insert into verification_sessions (provider, provider_session_id, status, raw_status)
        select (array['didit','bynn'])[1 + i % 2], 'old-' || i, (array['pending','approved','expired'])[1 + i % 3], 'raw'
        from generate_series(1, 300) i`);
      await old.close();
      const migrated = await database.open();
      try {
        expect(await counted(migrated.db)).toEqual(await actual(migrated.db));
        expect((await counted(migrated.db)).reduce((sum, t) => sum + t.n, 0)).toBe(300);
      } finally {
        await migrated.close();
      }
    } finally {
      await database.drop();
    }
  });
});
