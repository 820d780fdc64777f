import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import type { ListCount } from "@/lib/sessions/counts";
import type { CommonStatus } from "@/lib/sessions/status";
import type { Viewer } from "@/lib/auth/load-viewer";
import { AppError } from "@/lib/errors";
import { listSessions, type ListSessionsInput } from "@/lib/sessions/list-sessions";
import { createTestDatabase } from "../helpers/db";
import { viewerWithRole } from "../helpers/viewer";

type Seed = { psid: string; provider: string; status: CommonStatus; name: string | null; email: string | null; at: string | null };

// One row per case worth telling apart; `at` is exact to the microsecond.
const SEEDS: Seed[] = [
  { psid: "ps-cyr", provider: "didit", status: "marked_for_review", name: "Иван Петров", email: "ivan.petrov@example.com", at: "2025-03-01T10:00:00.000000Z" },
  { psid: "ps-cyr2", provider: "beltic", status: "approved", name: "Анна Смирнова", email: "anna@пример.рф", at: "2025-03-02T10:00:00.000000Z" },
  { psid: "ps-han", provider: "idenfy", status: "declined", name: "王小明", email: "wang@example.cn", at: "2025-03-03T10:00:00.000000Z" },
  { psid: "ps-ar", provider: "bynn", status: "marked_for_review", name: "محمد العلي", email: "m.ali@example.ae", at: "2025-03-04T10:00:00.000000Z" },
  { psid: "ps-fr", provider: "didit", status: "approved", name: "Élodie Dubois", email: "elodie@example.fr", at: "2025-03-05T23:59:59.999999Z" },
  // Decomposed (NFD) as some providers send it: "Müller" with a combining diaeresis.
  { psid: "ps-nfd", provider: "beltic", status: "pending", name: "Jürgen Mu\u0308ller", email: "jurgen@example.de", at: "2025-03-06T00:00:00.000000Z" },
  { psid: "ps-wild", provider: "idenfy", status: "failed", name: "Zoë O'Brien", email: "done_100%@example.ie", at: "2025-03-07T12:00:00.000000Z" },
  { psid: "ps-undated", provider: "bynn", status: "expired", name: "Old Import", email: "old@example.com", at: null },
  { psid: "ps-redacted", provider: "didit", status: "expired", name: null, email: null, at: "2025-02-01T00:00:00.000000Z" },
];

const lead = viewerWithRole("lead");
const auditor = viewerWithRole("auditor");

describe("the Sessions list: filters, search and masking", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await handle.db.insert(verificationSessions).values(
      SEEDS.map((s) => ({
        provider: s.provider,
        providerSessionId: s.psid,
        status: s.status,
        rawStatus: `RAW_${s.status}`,
        applicantName: s.name,
        applicantEmail: s.email,
        providerCreatedAt: s.at === null ? null : sql`${s.at}::timestamptz`,
      })),
    );
  });
  afterAll(async () => handle.close());

  const list = (input: ListSessionsInput, viewer: Viewer = lead) => listSessions(handle.db, viewer, input);
  const psids = async (input: ListSessionsInput, viewer: Viewer = lead) => (await list(input, viewer)).items.map((i) => i.providerSessionId);
  // A count that stopped at the cap reads "n+", so it can never pass for an exact number here.
  const shown = (count: ListCount) => (count.atLeast ? `${count.n}+` : count.n);
  const countsOf = async (input: ListSessionsInput) => Object.fromEntries(Object.entries((await list(input)).counts).map(([status, c]) => [status, shown(c)]));

  it("lists everything newest first, undated sessions last, with counts per status", async () => {
    const all = await list({});
    expect(all.items.map((i) => i.providerSessionId)).toEqual(["ps-wild", "ps-nfd", "ps-fr", "ps-ar", "ps-han", "ps-cyr2", "ps-cyr", "ps-redacted", "ps-undated"]);
    expect(all).toMatchObject({
      total: { n: 9, atLeast: false },
      matching: { n: 9, atLeast: false },
      nextCursor: null,
      previousCursor: null,
      searchesPersonalData: true,
    });
    expect(await countsOf({})).toMatchObject({ marked_for_review: 2, approved: 2, expired: 2, declined: 1, pending: 1, failed: 1, created: 0 });
    expect(all.items[0]).toMatchObject({
      provider: "idenfy",
      status: "failed",
      rawStatus: "RAW_failed",
      applicantName: "Zoë O'Brien",
      createdAt: "2025-03-07T12:00:00.000Z",
    });
    expect(all.items.at(-1)!.createdAt).toBeNull();
  });

  it("sorts oldest first with undated sessions first", async () => {
    expect(await psids({ sort: "oldest" })).toEqual(["ps-undated", "ps-redacted", "ps-cyr", "ps-cyr2", "ps-han", "ps-ar", "ps-fr", "ps-nfd", "ps-wild"]);
  });

  it("filters by one or several statuses; the counts ignore the status filter", async () => {
    const review = await list({ statuses: ["marked_for_review"] });
    expect(review.items.map((i) => i.providerSessionId)).toEqual(["ps-ar", "ps-cyr"]);
    expect(review).toMatchObject({ total: { n: 9, atLeast: false }, matching: { n: 2, atLeast: false } });
    expect(review.counts.approved).toEqual({ n: 2, atLeast: false });
    expect(await psids({ statuses: ["approved", "expired"] })).toEqual(["ps-fr", "ps-cyr2", "ps-redacted", "ps-undated"]);
  });

  it("filters by one or several providers, and counts within them", async () => {
    const didit = await list({ providers: ["didit"] });
    expect(didit.items.map((i) => i.providerSessionId)).toEqual(["ps-fr", "ps-cyr", "ps-redacted"]);
    expect(didit.total).toEqual({ n: 3, atLeast: false });
    expect(await countsOf({ providers: ["didit"] })).toMatchObject({ approved: 1, marked_for_review: 1, expired: 1, declined: 0 });
    expect(await psids({ providers: ["idenfy", "bynn"] })).toEqual(["ps-wild", "ps-ar", "ps-han", "ps-undated"]);
    expect(await psids({ providers: ["didit", "beltic", "idenfy", "bynn"] })).toHaveLength(9);
  });

  it("filters by created day in UTC, both ends inclusive, leaving undated sessions out", async () => {
    expect(await psids({ from: "2025-03-06" })).toEqual(["ps-wild", "ps-nfd"]);
    expect(await psids({ to: "2025-03-05" })).toEqual(["ps-fr", "ps-ar", "ps-han", "ps-cyr2", "ps-cyr", "ps-redacted"]);
    expect(await psids({ from: "2025-03-05", to: "2025-03-05" })).toEqual(["ps-fr"]);
    expect(await psids({ from: "2025-03-06", to: "2025-03-06" })).toEqual(["ps-nfd"]);
    expect(await countsOf({ from: "2025-03-02", to: "2025-03-04" })).toMatchObject({ approved: 1, declined: 1, marked_for_review: 1, expired: 0 });
  });

  it.each([
    ["Cyrillic, any case", "петров", ["ps-cyr"]],
    ["Cyrillic upper case", "ПЕТРОВ", ["ps-cyr"]],
    ["Cyrillic fragment of two names", "ов", ["ps-cyr2", "ps-cyr"]],
    ["Chinese", "小明", ["ps-han"]],
    ["a single Chinese character", "王", ["ps-han"]],
    ["Arabic", "العلي", ["ps-ar"]],
    ["Latin with accents, other case", "élodie", ["ps-fr"]],
    ["Latin accents in capitals", "ÉLODIE", ["ps-fr"]],
    ["a composed query against a decomposed name", "müller", ["ps-nfd"]],
    ["a decomposed query against a decomposed name", "Mu\u0308ller", ["ps-nfd"]],
    ["an e-mail fragment", "example.ae", ["ps-ar"]],
    ["an internationalised e-mail domain", "пример", ["ps-cyr2"]],
    ["a literal percent sign, not a wildcard", "%", ["ps-wild"]],
    ["a literal underscore, not a wildcard", "_", ["ps-wild"]],
    ["a backslash, literally", "\\", []],
    ["an exact provider session id", "ps-han", ["ps-han"]],
    ["nothing for a part of a session id", "ps-h", []],
    ["nothing for an unknown name", "Nobody", []],
  ])("searches names and e-mails: %s", async (_label, q, expected) => {
    expect(await psids({ q })).toEqual(expected);
  });

  it("counts a search per status", async () => {
    const result = await list({ q: "example", statuses: ["approved"] });
    expect(result.items.map((i) => i.providerSessionId)).toEqual(["ps-fr"]);
    expect(await countsOf({ q: "example", statuses: ["approved"] })).toMatchObject({
      approved: 1,
      marked_for_review: 2,
      declined: 1,
      pending: 1,
      failed: 1,
      expired: 1,
    });
    expect(result).toMatchObject({ total: { n: 7, atLeast: false }, matching: { n: 1, atLeast: false } });
  });

  it("combines every filter", async () => {
    const input: ListSessionsInput = { providers: ["didit", "bynn"], statuses: ["marked_for_review"], q: "example", from: "2025-03-01", to: "2025-03-03" };
    expect(await psids(input)).toEqual(["ps-cyr"]);
    expect(await psids({ ...input, to: null })).toEqual(["ps-ar", "ps-cyr"]);
    expect(await psids({ ...input, to: null, sort: "oldest" })).toEqual(["ps-cyr", "ps-ar"]);
    expect(await psids({ ...input, providers: ["beltic"] })).toEqual([]);
  });

  it("masks personal data for a viewer without sessions:read_pii", async () => {
    const masked = await list({}, auditor);
    expect(masked.items.map((i) => i.providerSessionId)).toEqual((await list({})).items.map((i) => i.providerSessionId));
    const cyr = masked.items.find((i) => i.providerSessionId === "ps-cyr")!;
    expect(cyr).toMatchObject({ applicantName: "И••• П•••", applicantEmail: "i•••@example.com" });
    const serialised = JSON.stringify(masked);
    for (const seed of SEEDS) {
      if (seed.name) expect(serialised).not.toContain(seed.name);
      if (seed.email) expect(serialised).not.toContain(seed.email);
    }
    expect(masked.searchesPersonalData).toBe(false);
  });

  it("lets a masked viewer search by exact provider session id only, never by name or e-mail", async () => {
    for (const q of ["Петров", "петров", "ivan.petrov", "example.com", "小明", "élodie"]) {
      const result = await list({ q }, auditor);
      expect(result.items, q).toEqual([]);
      expect(result.total, q).toEqual({ n: 0, atLeast: false });
    }
    const byId = await list({ q: "ps-cyr" }, auditor);
    expect(byId.items.map((i) => i.providerSessionId)).toEqual(["ps-cyr"]);
    expect(byId.items[0]!.applicantName).toBe("И••• П•••");
    expect(await psids({ q: "ps-cyr", providers: ["beltic"] }, auditor)).toEqual([]);
  });

  it("refuses a viewer without sessions:read", async () => {
    const nobody: Viewer = { ...lead, permissions: ["audit:read"] };
    await expect(list({}, nobody)).rejects.toBeInstanceOf(AppError);
    await expect(list({}, nobody)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
