import "server-only";
import { z } from "zod";
import { recordSessionChange } from "@/lib/sessions/record-change";
import { lockSession } from "./load-session";
import { refusalError } from "./refusals";
import type { ServiceContext } from "./service-context";
import { assertMay, sessionAbilities } from "./session-abilities";

export const CommentInput = z.object({
  sessionId: z.uuid(),
  text: z.string().trim().min(1, { error: "Write a comment" }).max(2000, { error: "Keep the comment under 2000 characters" }),
});

/** Comments live on the timeline; their text may hold personal data, so redaction blanks it. */
export async function addComment(ctx: ServiceContext, input: z.infer<typeof CommentInput>): Promise<void> {
  const { db, viewer, now = new Date() } = ctx;
  assertMay(viewer, "comment");
  await db.transaction(async (tx) => {
    const session = await lockSession(tx, input.sessionId);
    const comment = sessionAbilities(viewer, session, undefined, now).comment;
    if (!comment.allowed) throw await refusalError(tx, session, viewer.id, comment.refusal, now);
    await recordSessionChange(tx, {
      sessionId: session.id,
      userId: viewer.id,
      timeline: { type: "comment", detail: { text: input.text } },
      live: "comment",
      audit: { actor: { id: viewer.id, label: viewer.email }, action: "session.comment" },
    });
  });
}
