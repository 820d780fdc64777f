import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import {
  decodeCursor,
  encodeCursor,
  EMPTY_LIST_QUERY,
  listQueryToSearchParams,
  parseListQuery,
  sessionListHref,
  type SearchParamsRecord,
  type SessionListQuery,
} from "@/lib/sessions/list-query";
import { listSessions } from "@/lib/sessions/list-sessions";
import { createTestDatabase } from "../helpers/db";
import { viewerWithRole } from "../helpers/viewer";

const ID = "3f6c1a52-9b1e-4c1d-8f5a-2d7e4b9c0a11";
const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const fromUrl = (search: string) => {
  const params = new URLSearchParams(search);
  const record: SearchParamsRecord = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return parseListQuery(record);
};

describe("the Sessions list URL", () => {
  it("reads every filter, in canonical order, and writes the same URL back", () => {
    const { query, notes } = fromUrl("status=approved&status=marked_for_review&provider=bynn,didit&q=%20Петров%20&from=2025-01-01&to=2025-01-31&sort=oldest");
    expect(notes).toEqual([]);
    expect(query).toEqual({
      statuses: ["marked_for_review", "approved"],
      providers: ["didit", "bynn"],
      q: "Петров",
      from: "2025-01-01",
      to: "2025-01-31",
      sort: "oldest",
      cursor: null,
    });
    expect(fromUrl(listQueryToSearchParams(query).toString())).toEqual({ query, notes: [] });
    expect(sessionListHref(query)).toBe(`/sessions?${listQueryToSearchParams(query)}`);
    expect(sessionListHref({ sort: "newest" })).toBe("/sessions");
  });

  it("treats empty values (an empty form field) as absent, without notes", () => {
    expect(fromUrl("q=&from=&to=&sort=&status=&cursor=")).toEqual({ query: EMPTY_LIST_QUERY, notes: [] });
  });

  it("keeps the valid values, drops each invalid one and says so", () => {
    const { query, notes } = fromUrl("status=approved&status=bogus&provider=acme&provider=idenfy&from=2025-02-30&to=yesterday&sort=sideways&q=a&q=b");
    expect(query).toEqual({ ...EMPTY_LIST_QUERY, statuses: ["approved"], providers: ["idenfy"], q: "a" });
    expect(notes).toHaveLength(6);
    expect(notes.join("\n")).toMatch(/status “bogus”/);
    expect(notes.join("\n")).toMatch(/provider “acme”/);
    expect(notes.join("\n")).toMatch(/“from” date “2025-02-30”/);
    expect(notes.join("\n")).toMatch(/“to” date “yesterday”/);
    expect(notes.join("\n")).toMatch(/sort “sideways”/);
    expect(notes.join("\n")).toMatch(/“q” was given 2 times/);
  });

  it("drops a date range whose start is after its end, an over-long search and year 0000", () => {
    expect(fromUrl("from=2025-03-02&to=2025-03-01")).toMatchObject({ query: { from: null, to: null }, notes: [expect.stringMatching(/after/)] });
    expect(fromUrl(`q=${"x".repeat(201)}`)).toMatchObject({ query: { q: null }, notes: [expect.stringMatching(/longer than 200/)] });
    expect(fromUrl("from=0000-01-01").query.from).toBeNull();
  });

  it("keeps notes short however long or repetitive the URL", () => {
    const { notes } = fromUrl(`status=${"z".repeat(500)}`);
    expect(notes[0]!.length).toBeLessThan(120);
    const many = fromUrl(Array.from({ length: 50 }, (_, n) => `provider=p${n}`).join("&")).notes;
    expect(many).toHaveLength(11);
    expect(many.at(-1)).toBe("…and 40 more.");
  });

  it("normalises the search to NFC", () => {
    expect(fromUrl(`q=${encodeURIComponent("Mu\u0308ller")}`).query.q).toBe("Müller");
  });

  it("round-trips cursors and refuses anything else", () => {
    const cursor = { direction: "before" as const, at: "2025-03-01T10:00:00.123456Z", id: ID };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ ...cursor, at: null }))).toEqual({ ...cursor, at: null });
    const refused = [
      "not base64!",
      base64url("not json"),
      base64url(JSON.stringify({ d: "after", t: null })),
      base64url(JSON.stringify({ d: "sideways", t: null, i: ID })),
      base64url(JSON.stringify({ d: "after", t: "2025-03-01", i: ID })),
      base64url(JSON.stringify({ d: "after", t: "2025-02-30T10:00:00.000000Z", i: ID })),
      base64url(JSON.stringify({ d: "after", t: "0000-01-01T00:00:00.000000Z", i: ID })),
      base64url(JSON.stringify({ d: "after", t: null, i: "'; drop table x; --" })),
      base64url(JSON.stringify([1, 2, 3])),
      "A".repeat(400),
      Buffer.from([0xff, 0xfe, 0xfd]).toString("base64url"),
    ];
    for (const value of refused) expect(decodeCursor(value), value).toBeNull();
    expect(fromUrl(`cursor=${refused[3]}`)).toMatchObject({ query: { cursor: null }, notes: [expect.stringMatching(/first page/)] });
  });
});

describe("invalid URL values reaching the list", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await handle.db.insert(verificationSessions).values(
      ["a", "b", "c"].map((suffix, n) => ({
        provider: "didit",
        providerSessionId: `url-${suffix}`,
        status: "approved" as const,
        rawStatus: "Approved",
        providerCreatedAt: new Date(Date.UTC(2025, 0, n + 1)),
      })),
    );
  });
  afterAll(async () => handle.close());

  it("shows the list with what was valid instead of failing", async () => {
    const { query, notes } = fromUrl("status=approved&status=nope&from=2025-13-01&sort=%27;drop&cursor=%%%");
    expect(notes.length).toBe(4);
    const list = await listSessions(handle.db, viewerWithRole("reviewer"), query);
    expect(list.items.map((i) => i.providerSessionId)).toEqual(["url-c", "url-b", "url-a"]);
  });

  it("answers a well-formed cursor that points nowhere with an empty page, not an error", async () => {
    const query: SessionListQuery = { ...EMPTY_LIST_QUERY, cursor: { direction: "after", at: "1000-01-01T00:00:00.000000Z", id: ID } };
    expect((await listSessions(handle.db, viewerWithRole("reviewer"), query)).items).toEqual([]);
    const far = { ...query, cursor: { direction: "before" as const, at: "9999-12-31T00:00:00.000000Z", id: ID } };
    expect((await listSessions(handle.db, viewerWithRole("reviewer"), far)).items).toHaveLength(3);
  });
});
