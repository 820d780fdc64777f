import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type LockedSession = typeof verificationSessions.$inferSelect;

/** Loads and row-locks a session for the rest of the transaction; NOT_FOUND when it does not exist. */
export async function lockSession(tx: Transaction, sessionId: string): Promise<LockedSession> {
  const [session] = await tx.select().from(verificationSessions).where(eq(verificationSessions.id, sessionId)).for("update");
  if (!session) throw new AppError("NOT_FOUND", "That session does not exist.");
  return session;
}

/** Optimistic lock: the reviewer decided on what they saw; anything newer must be seen first. */
export function assertVersion(session: LockedSession, version: number): void {
  if (session.version !== version) {
    throw new AppError("CONFLICT", "This case changed since you opened it. Reload to see what changed, then decide again.");
  }
}
