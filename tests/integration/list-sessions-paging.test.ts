import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import { parseListQuery, sessionListHref, type SessionListQuery } from "@/lib/sessions/list-query";
import { listSessions, SESSION_PAGE_SIZE, type ListSessionsInput, type SessionListDTO } from "@/lib/sessions/list-sessions";
import type { CommonStatus } from "@/lib/sessions/status";
import { createTestDatabase } from "../helpers/db";
import { viewerWithRole } from "../helpers/viewer";

const PROVIDERS = ["didit", "beltic", "idenfy", "bynn"] as const;
const COUNT = 230;

/**
 * 230 sessions on 18 distinct minutes, so about a dozen share each timestamp and only the id
 * orders them; on one minute half of them are a single microsecond later (a JavaScript Date
 * cannot tell them apart); every 33rd has no provider time at all.
 */
function seedRow(n: number) {
  const minute = n % 18;
  const micro = minute === 5 && n % 36 === 5 ? "000001" : "000000";
  const status: CommonStatus = n % 3 === 0 ? "marked_for_review" : n % 3 === 1 ? "approved" : "declined";
  return {
    provider: PROVIDERS[n % 4]!,
    providerSessionId: `page-${n}`,
    status,
    rawStatus: "RAW",
    applicantName: n % 2 ? `Иван ${n}` : `Zoë ${n}`,
    applicantEmail: `user${n}@example.com`,
    providerCreatedAt: n % 33 === 0 ? null : sql`${`2025-05-01T10:${String(minute).padStart(2, "0")}:00.${micro}Z`}::timestamptz`,
  };
}

type Stored = { id: string; at: string | null; provider: string; status: string; name: string };

describe("keyset paging of the Sessions list", () => {
  let handle: DatabaseHandle;
  let stored: Stored[];
  beforeAll(async () => {
    handle = await createTestDatabase();
    await handle.db.insert(verificationSessions).values(Array.from({ length: COUNT }, (_, n) => seedRow(n)));
    stored = await handle.db
      .select({
        id: verificationSessions.id,
        at: sql<string | null>`to_char(${verificationSessions.providerCreatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        provider: verificationSessions.provider,
        status: verificationSessions.status,
        name: sql<string>`${verificationSessions.applicantName}`,
      })
      .from(verificationSessions);
  });
  afterAll(async () => handle.close());

  const reviewer = viewerWithRole("reviewer");
  const list = (query: SessionListQuery) => listSessions(handle.db, reviewer, query);
  // Every step goes through the URL, as a click on "Next page" does.
  const viaUrl = (query: SessionListQuery) => {
    const params = new URLSearchParams(sessionListHref(query).split("?")[1] ?? "");
    const { query: parsed, notes } = parseListQuery(Object.fromEntries([...new Set(params.keys())].map((key) => [key, params.getAll(key)])));
    expect(notes).toEqual([]);
    return parsed;
  };

  /** Newest: time descending with undated last, then id ascending; oldest is the exact reverse. */
  function expected(filter: (row: Stored) => boolean, sort: "newest" | "oldest"): string[] {
    const newest = stored.filter(filter).sort((a, b) => {
      if (a.at !== b.at) return a.at === null ? 1 : b.at === null ? -1 : a.at < b.at ? 1 : -1;
      return a.id < b.id ? -1 : 1;
    });
    const ids = newest.map((row) => row.id);
    return sort === "newest" ? ids : ids.reverse();
  }

  async function walkForward(start: SessionListQuery): Promise<SessionListDTO[]> {
    const pages: SessionListDTO[] = [];
    let query = start;
    for (;;) {
      const page = await list(query);
      pages.push(page);
      if (!page.nextCursor) return pages;
      expect(pages.length).toBeLessThan(10);
      query = viaUrl({ ...query, cursor: page.nextCursor });
    }
  }

  async function walkBackward(from: SessionListQuery, last: SessionListDTO): Promise<string[][]> {
    const pages = [last.items.map((i) => i.id)];
    let page = last;
    while (page.previousCursor) {
      page = await list(viaUrl({ ...from, cursor: page.previousCursor }));
      pages.unshift(page.items.map((i) => i.id));
      expect(pages.length).toBeLessThan(10);
    }
    return pages;
  }

  const cases: [string, ListSessionsInput, (row: Stored) => boolean][] = [
    ["no filter", {}, () => true],
    ["one status", { statuses: ["marked_for_review"] }, (r) => r.status === "marked_for_review"],
    ["two providers", { providers: ["didit", "bynn"] }, (r) => r.provider === "didit" || r.provider === "bynn"],
    ["statuses and a provider", { statuses: ["approved", "declined"], providers: ["beltic"] }, (r) => r.provider === "beltic" && r.status !== "marked_for_review"],
    ["a date range (undated rows drop out)", { from: "2025-05-01", to: "2025-05-01" }, (r) => r.at !== null],
    ["a search", { q: "иван" }, (r) => r.name.startsWith("Иван")],
  ];

  for (const sort of ["newest", "oldest"] as const) {
    for (const [label, filters, filter] of cases) {
      it(`visits every row once, in order, both ways: ${label}, ${sort}`, async () => {
        const start: SessionListQuery = { ...parseListQuery({}).query, ...filters, sort };
        const want = expected(filter, sort);
        expect(want.length).toBeGreaterThan(0);

        const pages = await walkForward(start);
        const seen = pages.flatMap((p) => p.items.map((i) => i.id));
        expect(seen).toEqual(want);
        expect(pages.length).toBe(Math.max(1, Math.ceil(want.length / SESSION_PAGE_SIZE)));
        pages.slice(0, -1).forEach((p) => expect(p.items).toHaveLength(SESSION_PAGE_SIZE));
        expect(pages[0]!.previousCursor).toBeNull();
        expect(pages[0]!.matching).toEqual({ n: want.length, atLeast: false });

        const back = await walkBackward(start, pages.at(-1)!);
        expect(back).toEqual(pages.map((p) => p.items.map((i) => i.id)));
      });
    }
  }

  it("goes back from near the start to a full first page", async () => {
    const start = parseListQuery({}).query;
    const first = await list(start);
    // A "before" cursor only ten rows in: fewer than a page remain, so the first page is shown whole.
    const firstTen = first.items[9]!;
    const stored10 = stored.find((r) => r.id === firstTen.id)!;
    const back = await list({ ...start, cursor: { direction: "before", at: stored10.at, id: stored10.id } });
    expect(back.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    expect(back.previousCursor).toBeNull();
    expect(back.nextCursor).toEqual(first.nextCursor);
  });

  it("continues exactly after any row, even among rows one microsecond apart", async () => {
    const start = parseListQuery({}).query;
    const want = expected(() => true, "newest");
    const block = stored.filter((r) => r.at?.startsWith("2025-05-01T10:05"));
    expect(new Set(block.map((r) => r.at)).size).toBe(2);
    // Page boundaries can fall anywhere: the cursor cut after each row of the block must resume at the next row.
    for (const row of block) {
      const cursor = { direction: "after" as const, at: row.at, id: row.id };
      const page = await list(viaUrl({ ...start, cursor }));
      expect(page.items[0]!.id).toBe(want[want.indexOf(row.id) + 1]);
      // And the cursor the list itself hands out for that next row leads straight back.
      const back = await list(viaUrl({ ...start, cursor: page.previousCursor }));
      expect(back.items.at(-1)!.id).toBe(row.id);
    }
  });
});
