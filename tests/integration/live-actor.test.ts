import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { parseSessionsChanged, type SessionsChanged } from "@/lib/live/event";
import { LIVE_CHANNEL } from "@/lib/live/notify";
import { assignCase, claimCase, releaseClaim } from "@/lib/review/claims";
import { addComment } from "@/lib/review/comments";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

describe("a user's own changes are announced with their id", () => {
  let handle: DatabaseHandle;
  let received: SessionsChanged[];
  let unlisten: () => Promise<void>;
  let rui: Viewer;
  let lev: Viewer;
  let sessionId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    received = [];
    unlisten = await handle.listen(LIVE_CHANNEL, (payload) => received.push(parseSessionsChanged(payload)!));
    [rui, lev] = await Promise.all([createViewer(handle, "reviewer", "Rui"), createViewer(handle, "lead", "Lev")]);
    const [row] = await handle.db
      .insert(verificationSessions)
      .values({ provider: "didit", providerSessionId: `actor-${randomUUID()}`, status: "marked_for_review", rawStatus: "In Review", providerCreatedAt: new Date() })
      .returning({ id: verificationSessions.id });
    sessionId = row!.id;
  });
  afterAll(async () => {
    await unlisten();
    await handle.close();
  });

  const heard = async (count: number) => {
    await expect.poll(() => received.length).toBeGreaterThanOrEqual(count);
    return received.splice(0, received.length);
  };

  it("claim, comment, release and a lead's take-over each name who did it", async () => {
    await claimCase({ db: handle.db, viewer: rui }, { sessionId });
    await addComment({ db: handle.db, viewer: rui }, { sessionId, text: "looking" });
    await releaseClaim({ db: handle.db, viewer: rui }, { sessionId });
    expect(await heard(3)).toEqual([
      { ids: [sessionId], reason: "claim", actor: rui.id },
      { ids: [sessionId], reason: "comment", actor: rui.id },
      { ids: [sessionId], reason: "claim", actor: rui.id },
    ]);
    await assignCase({ db: handle.db, viewer: lev }, { sessionId, assigneeId: rui.id });
    expect(await heard(1)).toEqual([{ ids: [sessionId], reason: "claim", actor: lev.id }]);
  });
});
