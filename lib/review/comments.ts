import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import { sessionEvents } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { notifySessionsChanged } from "@/lib/live/notify";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { lockSession } from "./load-session";
import { CLOSED, notDecidableMessage } from "./refusals";

export const CommentInput = z.object({
  sessionId: z.uuid(),
  text: z.string().trim().min(1, { error: "Write a comment" }).max(2000, { error: "Keep the comment under 2000 characters" }),
});

/** Comments live on the timeline; their text may hold personal data, so redaction blanks it. */
export async function addComment(db: Database, viewer: Viewer, input: z.infer<typeof CommentInput>): Promise<void> {
  if (!can(viewer.permissions, "sessions:decide")) throw new AppError("FORBIDDEN", "You may not comment on cases.");
  await db.transaction(async (tx) => {
    const session = await lockSession(tx, input.sessionId);
    if (session.redactedAt) throw new AppError("CONFLICT", "This session was redacted.");
    // A decided case's record is closed: notes after the fact would read as part of the decision.
    if (CLOSED.has(session.status)) throw new AppError("CONFLICT", await notDecidableMessage(tx, session));
    await tx.insert(sessionEvents).values({ sessionId: session.id, at: new Date(), type: "comment", actorId: viewer.id, detail: { text: input.text } });
    await appendAudit(tx, { actor: { id: viewer.id, label: viewer.email }, action: "session.comment", targetType: "session", targetId: session.id });
    await notifySessionsChanged(tx, [session.id], "comment", viewer.id);
  });
}
