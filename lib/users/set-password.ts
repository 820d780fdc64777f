import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { setPasswordTokens, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { hashPassword } from "@/lib/auth/password";
import { announceViewerChange } from "@/lib/auth/viewer-change";
import { forgetViewerChange } from "@/lib/auth/viewer-registry";
import { AppError } from "@/lib/errors";
import { validationError } from "./authorize";
import { SetPasswordInput } from "./schemas";
import { hashSetPasswordToken } from "./set-password-tokens";
import type { PublicContext } from "./context";

export type SetPasswordLinkState =
  { state: "valid"; email: string; name: string; expiresAt: string } | { state: "expired" | "used" | "revoked" | "unknown" | "inactive" };

/** What the /set-password page shows before anything is submitted; changes nothing. */
export async function inspectSetPasswordLink({ db, now = new Date() }: PublicContext, { token }: { token: string }): Promise<SetPasswordLinkState> {
  if (!token) return { state: "unknown" };
  const [row] = await db
    .select({
      email: users.email,
      name: users.name,
      active: users.active,
      expiresAt: setPasswordTokens.expiresAt,
      usedAt: setPasswordTokens.usedAt,
      revokedAt: setPasswordTokens.revokedAt,
    })
    .from(setPasswordTokens)
    .innerJoin(users, eq(users.id, setPasswordTokens.userId))
    .where(eq(setPasswordTokens.tokenHash, hashSetPasswordToken(token)));
  if (!row) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.revokedAt) return { state: "revoked" };
  if (row.expiresAt <= now) return { state: "expired" };
  if (!row.active) return { state: "inactive" };
  return { state: "valid", email: row.email, name: row.name, expiresAt: row.expiresAt.toISOString() };
}

const usable = (tokenHash: string, now: Date) =>
  and(eq(setPasswordTokens.tokenHash, tokenHash), isNull(setPasswordTokens.usedAt), isNull(setPasswordTokens.revokedAt), gt(setPasswordTokens.expiresAt, now));

const UNUSABLE = "This link has expired or was already used. Ask an admin for a new one.";

/**
 * Uses the link: the token is claimed by one conditional UPDATE, so of two simultaneous
 * submissions only one succeeds. Signs nobody in; other sessions of the user end.
 */
export async function setPasswordWithLink({ db, now = new Date() }: PublicContext, raw: SetPasswordInput): Promise<{ email: string }> {
  const parsed = SetPasswordInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const tokenHash = hashSetPasswordToken(parsed.data.token);
  // Refuse unknown tokens before hashing: this action is public, and bcrypt is deliberately slow.
  const [candidate] = await db.select({ userId: setPasswordTokens.userId }).from(setPasswordTokens).where(usable(tokenHash, now));
  if (!candidate) throw new AppError("NOT_FOUND", UNUSABLE);
  const passwordHash = await hashPassword(parsed.data.password);
  const result = await db.transaction(async (tx) => {
    // The user row first, then the token: the same order as deactivation, so the two cannot deadlock.
    const [user] = await tx.select({ id: users.id, email: users.email, active: users.active }).from(users).where(eq(users.id, candidate.userId)).for("update");
    const [claimed] = await tx.update(setPasswordTokens).set({ usedAt: now }).where(usable(tokenHash, now)).returning({ purpose: setPasswordTokens.purpose });
    if (!claimed || !user) throw new AppError("NOT_FOUND", UNUSABLE);
    if (!user.active) throw new AppError("CONFLICT", "This account is deactivated. Ask an admin to reactivate it.");
    await tx
      .update(users)
      .set({ passwordHash, tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: now })
      .where(eq(users.id, user.id));
    await announceViewerChange(tx, { userId: user.id });
    await appendAudit(tx, {
      actor: { id: user.id, label: user.email },
      action: "user.password_set",
      targetType: "user",
      targetId: user.id,
      details: { purpose: claimed.purpose },
    });
    return { email: user.email, userId: user.id };
  });
  forgetViewerChange(db, { userId: result.userId });
  return { email: result.email };
}
