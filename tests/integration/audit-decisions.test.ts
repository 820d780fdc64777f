import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { decisions, verificationSessions } from "@/db/schema";
import { decisionHistoryHref, parseDecisionFilters, type DecisionHistoryFilters } from "@/lib/audit/decision-filters";
import { listDecisionHistory } from "@/lib/audit/decision-history";
import type { Viewer } from "@/lib/auth/load-viewer";
import { getSessionEvidence } from "@/lib/audit/evidence";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

type Seed = { provider: string; providerSessionId: string; name: string; redacted?: boolean };

const SESSIONS: Seed[] = [
  { provider: "didit", providerSessionId: "hist-didit-1", name: "Дмитрий Иванов" },
  { provider: "beltic", providerSessionId: "hist-beltic-1", name: "王小明" },
  { provider: "idenfy", providerSessionId: "hist-idenfy-1", name: "Zoë Müller" },
  { provider: "bynn", providerSessionId: "hist-bynn-1", name: "", redacted: true },
];
const REASONS = ["DATA_VERIFIED", "DATA_MISMATCH", "IMAGE_QUALITY"];

describe("decision history", () => {
  let handle: DatabaseHandle;
  let ana: Viewer;
  let ben: Viewer;
  let auditor: Viewer;
  let admin: Viewer;
  const sessionIds: Record<string, string> = {};
  const all = (filters: Partial<DecisionHistoryFilters>, viewer = admin, pageSize = 500) =>
    listDecisionHistory(handle.db, viewer, { ...parseDecisionFilters({}).filters, ...filters }, pageSize);

  beforeAll(async () => {
    handle = await createTestDatabase();
    [ana, ben, auditor, admin] = await Promise.all([
      createViewer(handle, "reviewer", "Ana"),
      createViewer(handle, "lead", "Ben"),
      createViewer(handle, "auditor", "Aiko"),
      createViewer(handle, "admin", "Ada"),
    ]);
    for (const seed of SESSIONS) {
      const [row] = await handle.db
        .insert(verificationSessions)
        .values({
          provider: seed.provider,
          providerSessionId: seed.providerSessionId,
          status: "approved",
          rawStatus: "X",
          applicantName: seed.name || null,
          redactedAt: seed.redacted ? new Date() : null,
        })
        .returning({ id: verificationSessions.id });
      sessionIds[seed.providerSessionId] = row!.id;
    }
    // 4 sessions × 3 days × 2 reviewers; every third one has a second reviewer.
    const rows = SESSIONS.flatMap((seed, s) =>
      [1, 2, 3].flatMap((day) =>
        [ana, ben].map((actor, a) => ({
          sessionId: sessionIds[seed.providerSessionId]!,
          action: (["approve", "decline", "resubmit"] as const)[(s + day + a) % 3]!,
          reasonCode: REASONS[(s + day + a) % 3]!,
          comment: seed.redacted ? "" : `Checked by ${actor.name} about ${seed.name}`,
          actorId: actor.id,
          secondActorId: (s + day + a) % 3 === 0 ? (a ? ana.id : ben.id) : null,
          idempotencyKey: randomUUID(),
          state: seed.provider === "idenfy" ? ("recorded" as const) : ("confirmed" as const),
          providerResponse: seed.provider === "didit" ? { session_id: seed.providerSessionId, new_status: "Approved", changed: true } : null,
          // Both reviewers' decisions share a timestamp: only the id orders them.
          createdAt: new Date(`2025-03-0${day}T${String(8 + s).padStart(2, "0")}:00:00Z`),
        })),
      ),
    );
    await handle.db.insert(decisions).values(rows);
  });
  afterAll(() => handle.close());

  it("filters by reviewer (first or second), action, provider, session, state and date range", async () => {
    const everything = await all({});
    expect(everything.items).toHaveLength(24);
    expect(everything.items.map((i) => i.decidedAt)).toEqual([...everything.items.map((i) => i.decidedAt)].sort().reverse());

    const byAna = await all({ actor: ana.id });
    expect(byAna.items.length).toBeGreaterThan(12);
    expect(byAna.items.every((i) => i.actor.id === ana.id || i.secondActor?.id === ana.id)).toBe(true);

    const declines = await all({ action: "decline" });
    expect(declines.items.length).toBe(8);
    expect(declines.items.every((i) => i.action === "decline")).toBe(true);

    const beltic = await all({ provider: "beltic" });
    expect(beltic.items.map((i) => i.providerSessionId)).toEqual(Array(6).fill("hist-beltic-1"));

    const byProviderId = await all({ session: "hist-didit-1" });
    const byVerdictId = await all({ session: sessionIds["hist-didit-1"]! });
    expect(byProviderId.items).toHaveLength(6);
    expect(byVerdictId.items.map((i) => i.id)).toEqual(byProviderId.items.map((i) => i.id));
    expect((await all({ session: "no-such-session" })).items).toEqual([]);

    expect((await all({ state: "recorded" })).items.every((i) => i.provider === "idenfy")).toBe(true);

    const day2 = await all({ from: "2025-03-02", to: "2025-03-02" });
    expect(day2.items).toHaveLength(8);
    expect(day2.items.every((i) => i.decidedAt.startsWith("2025-03-02"))).toBe(true);
    expect((await all({ from: "2025-03-02" })).items).toHaveLength(16);
    expect((await all({ to: "2025-03-01" })).items).toHaveLength(8);
  });

  it("shows who, why, the second reviewer and the provider's response", async () => {
    const [item] = (await all({ session: "hist-didit-1", from: "2025-03-03", actor: ben.id })).items.filter((i) => i.actor.id === ben.id);
    expect(item).toMatchObject({
      provider: "didit",
      action: "decline",
      reasonCode: "DATA_MISMATCH",
      reasonLabel: "Applicant data does not match the document",
      state: "confirmed",
    });
    expect(item!.actor).toMatchObject({ name: "Ben" });
    // jsonb keeps its own key order; every scalar field is there.
    expect(item!.providerResponse.split(", ").sort()).toEqual(["changed=true", "new_status=Approved", "session_id=hist-didit-1"]);
    const withSecond = (await all({})).items.find((i) => i.secondActor);
    expect(withSecond?.secondActor?.name).toMatch(/^(Ana|Ben)$/);
    const recorded = (await all({ provider: "idenfy" })).items[0]!;
    expect(recorded.providerResponse).toMatch(/Recorded in Verdict/);
  });

  it("masks names and withholds comments from viewers without sessions:read_pii", async () => {
    const [seen, masked] = await Promise.all([all({ session: "hist-didit-1" }, admin), all({ session: "hist-didit-1" }, auditor)]);
    expect(seen.showsPersonalData).toBe(true);
    expect(seen.items[0]).toMatchObject({ applicantName: "Дмитрий Иванов", commentHidden: false });
    expect(seen.items[0]!.comment).toContain("Дмитрий Иванов");
    expect(masked.showsPersonalData).toBe(false);
    expect(masked.items[0]).toMatchObject({ applicantName: "Д••• И•••", comment: null, commentHidden: true });
    expect(JSON.stringify(masked)).not.toContain("Дмитрий");
    const redacted = (await all({ provider: "bynn" }, admin)).items[0]!;
    expect(redacted).toMatchObject({ redacted: true, applicantName: null, comment: "", commentHidden: false });
  });

  it("pages by keyset through the URL, forward and back, without skipping or repeating", async () => {
    const size = 5;
    const expected = (await all({})).items.map((i) => i.id);
    const viaUrl = (filters: DecisionHistoryFilters) =>
      parseDecisionFilters(Object.fromEntries(new URL(decisionHistoryHref(filters), "http://x").searchParams)).filters;
    let filters = parseDecisionFilters({ from: "2025-03-01" }).filters;
    const pages: string[][] = [];
    for (;;) {
      const page = await listDecisionHistory(handle.db, admin, filters, size);
      pages.push(page.items.map((i) => i.id));
      if (pages.length > 1) expect(page.previousCursor).not.toBeNull();
      if (!page.nextCursor) break;
      filters = viaUrl({ ...filters, cursor: page.nextCursor });
    }
    expect(pages.flat()).toEqual(expected);
    expect(pages).toHaveLength(5);

    // Back from the last page: the pages come back the same, and the first has no "newer".
    for (let index = pages.length - 2; index >= 0; index--) {
      const current = await listDecisionHistory(handle.db, admin, filters, size);
      filters = viaUrl({ ...filters, cursor: current.previousCursor });
      const page = await listDecisionHistory(handle.db, admin, filters, size);
      expect(page.items.map((i) => i.id)).toEqual(pages[index]);
      if (index === 0) expect(page.previousCursor).toBeNull();
    }
  });

  it("drops bad filter values with a note instead of failing", () => {
    const { filters, notes } = parseDecisionFilters({ actor: "not-a-user", action: "delete", provider: "acme", from: "2025-13-01", cursor: "%%%" });
    expect(filters).toMatchObject({ actor: null, action: null, provider: null, from: null, cursor: null });
    expect(notes).toHaveLength(5);
  });

  it("gathers one session's evidence, masked for the auditor and audited when unmasked", async () => {
    const id = sessionIds["hist-beltic-1"]!;
    const forAuditor = await getSessionEvidence(handle.db, auditor, id);
    expect(forAuditor.session).toMatchObject({ provider: "beltic", providerSessionId: "hist-beltic-1", applicantName: "王•••" });
    expect(forAuditor.decisions).toHaveLength(6);
    expect(forAuditor.decisions.every((d) => d.comment === null)).toBe(true);
    expect(forAuditor.auditRows.some((r) => r.action === "audit.evidence_view")).toBe(false);

    const forAdmin = await getSessionEvidence(handle.db, admin, id);
    expect(forAdmin.session.applicantName).toBe("王小明");
    expect(forAdmin.auditRows.filter((r) => r.action === "audit.evidence_view")).toHaveLength(1);
    await expect(getSessionEvidence(handle.db, ana, id)).rejects.toThrow(/may not read/);
  });
});
