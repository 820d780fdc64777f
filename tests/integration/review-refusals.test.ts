import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sessionEvents, verificationSessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import type { ProviderAdapter } from "@/lib/providers/types";
import { assignCase, claimCase } from "@/lib/review/claims";
import { addComment } from "@/lib/review/comments";
import { decideCase } from "@/lib/review/decide";
import { getCase } from "@/lib/review/get-case";
import { createTestDatabase } from "../helpers/db";
import { createViewer, newKey } from "../helpers/review";

// A provider without a decision API: Verdict records the decision itself, no HTTP involved.
const none = { approve: false, decline: false, resubmit: false, list: false, expire: false, redact: false, media: false };
const recordOnly = { id: "bynn", displayName: "Bynn", capabilities: () => ({ offered: none, allowedByKey: none }) } as unknown as ProviderAdapter;
const UTC = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d UTC`;

describe("refusals on the review flow say what happened", () => {
  let handle: DatabaseHandle;
  let ana: Viewer;
  let ben: Viewer;
  let lev: Viewer;
  let aiko: Viewer;

  beforeAll(async () => {
    handle = await createTestDatabase();
    [ana, ben, lev, aiko] = await Promise.all([
      createViewer(handle, "reviewer", "Ana"),
      createViewer(handle, "reviewer", "Ben"),
      createViewer(handle, "lead", "Lev"),
      createViewer(handle, "auditor", "Aiko"),
    ]);
  });
  afterAll(() => handle.close());

  const newCase = async () => {
    const [row] = await handle.db
      .insert(verificationSessions)
      .values({ provider: "bynn", providerSessionId: randomUUID(), status: "marked_for_review", rawStatus: "pending_review" })
      .returning();
    return row!;
  };
  const current = async (id: string) => (await handle.db.select().from(verificationSessions).where(eq(verificationSessions.id, id)))[0]!;
  const events = async (id: string) => handle.db.select().from(sessionEvents).where(eq(sessionEvents.sessionId, id));
  const approve = (viewer: Viewer, id: string, version: number) =>
    decideCase(
      { db: handle.db, viewer, resolveAdapter: () => recordOnly },
      { sessionId: id, version, action: "approve", reasonCode: "DATA_VERIFIED", comment: "fine", idempotencyKey: newKey() },
    );
  const decided = async () => {
    const kase = await newCase();
    await claimCase({ db: handle.db, viewer: ana }, { sessionId: kase.id });
    await approve(ana, kase.id, kase.version);
    return current(kase.id);
  };

  it("assigns a case only to someone who can decide it", async () => {
    const kase = await newCase();
    await expect(assignCase({ db: handle.db, viewer: lev }, { sessionId: kase.id, assigneeId: aiko.id })).rejects.toThrow(
      "Aiko cannot decide cases, so the case cannot be assigned to them.",
    );
    expect(await current(kase.id)).toMatchObject({ assigneeId: null });
    await assignCase({ db: handle.db, viewer: lev }, { sessionId: kase.id, assigneeId: ben.id });
    expect(await current(kase.id)).toMatchObject({ assigneeId: ben.id });
  });

  it("refuses to assign, claim or comment on a decided case, saying how and when it was decided", async () => {
    const kase = await decided();
    const before = (await events(kase.id)).length;
    const message = new RegExp(`^This case was already decided: approved by Ana on ${UTC}\\. Reload to see it\\.$`);
    await expect(assignCase({ db: handle.db, viewer: lev }, { sessionId: kase.id, assigneeId: ben.id })).rejects.toThrow(message);
    await expect(claimCase({ db: handle.db, viewer: ben }, { sessionId: kase.id })).rejects.toThrow(message);
    await expect(addComment({ db: handle.db, viewer: ben }, { sessionId: kase.id, text: "after the fact" })).rejects.toThrow(message);
    expect(await current(kase.id)).toMatchObject({ assigneeId: null, status: "approved", version: kase.version });
    expect(await events(kase.id)).toHaveLength(before);
  });

  it("offers on the page exactly what the server accepts: no comment box or assignment on a decided case", async () => {
    const open = await newCase();
    expect((await getCase({ db: handle.db, viewer: lev }, { sessionId: open.id })).can).toMatchObject({ comment: true, assign: true });
    const kase = await decided();
    expect((await getCase({ db: handle.db, viewer: lev }, { sessionId: kase.id })).can).toMatchObject({ comment: false, assign: false });
  });

  it("answers a second decision on a decided case with the first one, not with 'claim it'", async () => {
    const kase = await decided();
    await expect(approve(ana, kase.id, kase.version)).rejects.toThrow(new RegExp(`already decided: approved by Ana on ${UTC}`));
  });

  it("tells a stale page that a lead took the case over, and who", async () => {
    const kase = await newCase();
    await claimCase({ db: handle.db, viewer: ana }, { sessionId: kase.id });
    await assignCase({ db: handle.db, viewer: lev }, { sessionId: kase.id, assigneeId: lev.id });
    await expect(approve(ana, kase.id, kase.version)).rejects.toThrow(new RegExp(`^Lev took this case over on ${UTC}\\. Reload to see it\\.$`));
  });

  it("tells a stale page that a lead gave the case to someone else", async () => {
    const kase = await newCase();
    await claimCase({ db: handle.db, viewer: ana }, { sessionId: kase.id });
    await assignCase({ db: handle.db, viewer: lev }, { sessionId: kase.id, assigneeId: ben.id });
    await expect(approve(ana, kase.id, kase.version)).rejects.toThrow(new RegExp(`^Lev assigned this case to Ben on ${UTC}\\. Reload to see it\\.$`));
    expect(await current(kase.id)).toMatchObject({ status: "marked_for_review", assigneeId: ben.id });
  });
});
