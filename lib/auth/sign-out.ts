import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { Viewer } from "./load-viewer";
import { announceViewerChange } from "./viewer-change";
import { forgetViewerChange } from "./viewer-registry";

/**
 * Signing out revokes every session token of the user, not only this browser's cookie. With
 * JWT sessions a request still in flight (a prefetch, a live refresh) can come back with a
 * renewed cookie after the browser deleted it; bumping the token version makes that cookie,
 * and any copy of it, worthless.
 */
export async function revokeSessions(db: Database, viewer: Viewer): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, viewer.id));
    await announceViewerChange(tx, { userId: viewer.id });
    await appendAudit(tx, { actor: { id: viewer.id, label: viewer.email }, action: "auth.sign_out", targetType: "user", targetId: viewer.id });
  });
  forgetViewerChange(db, { userId: viewer.id });
}
