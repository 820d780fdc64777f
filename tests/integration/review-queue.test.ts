import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sessionChecks, verificationSessions } from "@/db/schema";
import type { CommonStatus } from "@/lib/sessions/status";
import type { Viewer } from "@/lib/auth/load-viewer";
import { listQueue } from "@/lib/review/queue";
import { NO_QUEUE_FILTERS, type QueueFilters } from "@/lib/review/queue-filters";
import { queueNeighbors } from "@/lib/review/queue-neighbors";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

const NOW = new Date("2025-06-10T12:00:00Z");
const HOUR = 3_600_000;

type Seed = {
  name: string;
  provider: string;
  hoursOld: number | null;
  status?: CommonStatus;
  holder?: Viewer;
  leaseHours?: number;
  checks?: { result: string; codes: string[] }[];
};

describe("the review queue's filters", () => {
  let handle: DatabaseHandle;
  let ana: Viewer;
  let ben: Viewer;
  const ids: Record<string, string> = {};

  const seed = async (rows: Seed[]) => {
    for (const row of rows) {
      const [inserted] = await handle.db
        .insert(verificationSessions)
        .values({
          provider: row.provider,
          providerSessionId: `${row.name}-${randomUUID()}`,
          status: row.status ?? "marked_for_review",
          rawStatus: "In Review",
          applicantName: row.name,
          providerCreatedAt: row.hoursOld === null ? null : new Date(NOW.getTime() - row.hoursOld * HOUR),
          assigneeId: row.holder?.id ?? null,
          claimExpiresAt: row.holder ? new Date(NOW.getTime() + (row.leaseHours ?? 0.25) * HOUR) : null,
        })
        .returning({ id: verificationSessions.id });
      ids[row.name] = inserted!.id;
      for (const [i, check] of (row.checks ?? []).entries()) {
        await handle.db.insert(sessionChecks).values({ sessionId: inserted!.id, providerCheckId: `c${i}`, kind: "idv", result: check.result, codes: check.codes });
      }
    }
  };
  const names = async (filters: Partial<QueueFilters>, viewer = ana) =>
    (await listQueue({ db: handle.db, viewer, now: NOW }, { filters: { ...NO_QUEUE_FILTERS, ...filters } })).items.map((i) => i.applicantName);

  beforeAll(async () => {
    handle = await createTestDatabase();
    [ana, ben] = await Promise.all([createViewer(handle, "reviewer", "Ana"), createViewer(handle, "lead", "Ben")]);
    await seed([
      { name: "old-didit", provider: "didit", hoursOld: 24 * 10, checks: [{ result: "review", codes: ["POSSIBLE_FRAUD"] }] },
      { name: "week-beltic", provider: "beltic", hoursOld: 24 * 5, holder: ana, checks: [{ result: "failed", codes: ["document_expired"] }] },
      { name: "days-idenfy", provider: "idenfy", hoursOld: 30, holder: ben, checks: [{ result: "passed", codes: ["POSSIBLE_FRAUD"] }] },
      { name: "expired-claim", provider: "didit", hoursOld: 20, holder: ben, leaseHours: -1 },
      { name: "fresh-bynn", provider: "bynn", hoursOld: 2, checks: [{ result: "review", codes: ["aml.pep_match", "POSSIBLE_FRAUD"] }] },
      { name: "undated", provider: "bynn", hoursOld: null },
      { name: "approved", provider: "didit", hoursOld: 24 * 40, status: "approved" },
    ]);
  });
  afterAll(() => handle.close());

  it("lists the queue oldest first, and marks what waited past the review target", async () => {
    const queue = await listQueue({ db: handle.db, viewer: ana, now: NOW });
    expect(queue.items.map((i) => i.applicantName)).toEqual(["old-didit", "week-beltic", "days-idenfy", "expired-claim", "fresh-bynn", "undated"]);
    expect(queue.items.map((i) => i.overdue)).toEqual([true, true, true, false, false, false]);
    expect(queue).toMatchObject({
      total: { n: 6, atLeast: false },
      unclaimed: { n: 4, atLeast: false },
      overdue: { n: 3, atLeast: false },
      oldestOverdueId: ids["old-didit"],
    });
  });

  it("filters by provider, age bucket, assignee and risk signal, with counts to match", async () => {
    expect(await names({ provider: "didit" })).toEqual(["old-didit", "expired-claim"]);
    expect(await names({ age: "under_1d" })).toEqual(["expired-claim", "fresh-bynn"]);
    expect(await names({ age: "1d_3d" })).toEqual(["days-idenfy"]);
    expect(await names({ age: "3d_7d" })).toEqual(["week-beltic"]);
    expect(await names({ age: "over_7d" })).toEqual(["old-didit"]);
    // A lapsed lease is nobody's: the case counts as unassigned again.
    expect(await names({ assignee: "unassigned" })).toEqual(["old-didit", "expired-claim", "fresh-bynn", "undated"]);
    expect(await names({ assignee: "mine" })).toEqual(["week-beltic"]);
    expect(await names({ assignee: "mine" }, ben)).toEqual(["days-idenfy"]);
    expect(await names({ assignee: { userId: ben.id } })).toEqual(["days-idenfy"]);
    // A code on a passed check is no signal (days-idenfy).
    expect(await names({ risk: { code: "POSSIBLE_FRAUD" } })).toEqual(["old-didit", "fresh-bynn"]);
    expect(await names({ risk: "failed" })).toEqual(["week-beltic"]);
    expect(await names({ provider: "bynn", risk: { code: "POSSIBLE_FRAUD" }, assignee: "unassigned" })).toEqual(["fresh-bynn"]);
    const narrowed = await listQueue({ db: handle.db, viewer: ana, now: NOW }, { filters: { ...NO_QUEUE_FILTERS, age: "under_1d" } });
    expect(narrowed).toMatchObject({
      total: { n: 2, atLeast: false },
      unclaimed: { n: 2, atLeast: false },
      overdue: { n: 0, atLeast: false },
      oldestOverdueId: null,
    });
  });

  it("puts the filtered risk code first among a row's signals", async () => {
    const [row] = (
      await listQueue({ db: handle.db, viewer: ana, now: NOW }, { filters: { ...NO_QUEUE_FILTERS, provider: "bynn", risk: { code: "POSSIBLE_FRAUD" } } })
    ).items;
    expect(row?.riskCodes).toEqual(["POSSIBLE_FRAUD", "aml.pep_match"]);
  });

  it("finds a case's neighbours in the queue order, also for a case no longer in it", async () => {
    expect(await queueNeighbors({ db: handle.db, viewer: ana }, { sessionId: ids["old-didit"]! })).toEqual({ previous: null, next: ids["week-beltic"] });
    expect(await queueNeighbors({ db: handle.db, viewer: ana }, { sessionId: ids["fresh-bynn"]! })).toEqual({
      previous: ids["expired-claim"],
      next: ids["undated"],
    });
    expect(await queueNeighbors({ db: handle.db, viewer: ana }, { sessionId: ids["undated"]! })).toEqual({ previous: ids["fresh-bynn"], next: null });
    // Decided long ago: not in the queue, but older than all of it.
    expect(await queueNeighbors({ db: handle.db, viewer: ana }, { sessionId: ids["approved"]! })).toEqual({ previous: null, next: ids["old-didit"] });
  });

  it("compares timestamps to the microsecond, so a case is never its own neighbour", async () => {
    const micro = "2025-06-01 08:00:00.123456+00";
    const later = "2025-06-01 08:00:00.123999+00";
    const [a] = await handle.db
      .insert(verificationSessions)
      .values({ provider: "didit", providerSessionId: `micro-a-${randomUUID()}`, status: "marked_for_review", rawStatus: "In Review" })
      .returning({ id: verificationSessions.id });
    const [b] = await handle.db
      .insert(verificationSessions)
      .values({ provider: "didit", providerSessionId: `micro-b-${randomUUID()}`, status: "marked_for_review", rawStatus: "In Review" })
      .returning({ id: verificationSessions.id });
    await handle.db.execute(sql`update verification_sessions set provider_created_at = ${micro}::timestamptz where id = ${a!.id}`);
    await handle.db.execute(sql`update verification_sessions set provider_created_at = ${later}::timestamptz where id = ${b!.id}`);
    const aroundA = await queueNeighbors({ db: handle.db, viewer: ana }, { sessionId: a!.id });
    expect(aroundA.next).toBe(b!.id);
    expect(aroundA.previous).not.toBe(a!.id);
    expect((await queueNeighbors({ db: handle.db, viewer: ana }, { sessionId: b!.id })).previous).toBe(a!.id);
    await handle.db.delete(verificationSessions).where(eq(verificationSessions.id, a!.id));
    await handle.db.delete(verificationSessions).where(eq(verificationSessions.id, b!.id));
  });
});
