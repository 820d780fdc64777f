import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { setPasswordTokens } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/append";

export const SET_PASSWORD_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export type SetPasswordPurpose = "invite" | "reset";
export type IssuedLink = { token: string; expiresAt: string };

export const hashSetPasswordToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** Unused links stop working: when a newer one is issued, or the user is deactivated. */
export async function revokeLiveTokens(tx: Transaction, userId: string, now: Date): Promise<void> {
  await tx
    .update(setPasswordTokens)
    .set({ revokedAt: now })
    .where(and(eq(setPasswordTokens.userId, userId), isNull(setPasswordTokens.usedAt), isNull(setPasswordTokens.revokedAt)));
}

/**
 * A new single-use link for `userId`, replacing any earlier unused one. The token (256 random
 * bits) is returned once, for the admin to pass on; only its SHA-256 is stored.
 */
export async function issueSetPasswordToken(
  tx: Transaction,
  link: { userId: string; purpose: SetPasswordPurpose; actor: AuditActor; now: Date },
): Promise<IssuedLink> {
  await revokeLiveTokens(tx, link.userId, link.now);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(link.now.getTime() + SET_PASSWORD_LINK_TTL_MS);
  await tx.insert(setPasswordTokens).values({
    userId: link.userId,
    tokenHash: hashSetPasswordToken(token),
    purpose: link.purpose,
    createdById: link.actor.id,
    createdAt: link.now,
    expiresAt,
  });
  await appendAudit(tx, {
    actor: link.actor,
    action: "user.password_link_issue",
    targetType: "user",
    targetId: link.userId,
    details: { purpose: link.purpose, expiresAt: expiresAt.toISOString() },
  });
  return { token, expiresAt: expiresAt.toISOString() };
}
