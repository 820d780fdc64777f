import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roles, setPasswordTokens, users } from "@/db/schema";
import { assertCanManageUsers } from "./authorize";
import type { UserDTO } from "./types";
import type { UsersContext } from "./context";

export type { UserDTO } from "./types";

/** Per user: ever invited, ever used a link, and the expiry of a link still usable at `now`. */
function linkSummaries(db: Database, now: Date) {
  const usable = sql`${setPasswordTokens.usedAt} is null and ${setPasswordTokens.revokedAt} is null and ${setPasswordTokens.expiresAt} > ${now.toISOString()}::timestamptz`;
  return db
    .select({
      userId: setPasswordTokens.userId,
      invited: sql<boolean>`bool_or(${setPasswordTokens.purpose} = 'invite')`,
      used: sql<boolean>`bool_or(${setPasswordTokens.usedAt} is not null)`,
      liveUntil: sql<string | null>`max(${setPasswordTokens.expiresAt}) filter (where ${usable})`.mapWith((value: string | Date | null) =>
        value === null ? null : new Date(value).toISOString(),
      ),
    })
    .from(setPasswordTokens)
    .groupBy(setPasswordTokens.userId);
}

export async function listUsers({ db, viewer, now = new Date() }: UsersContext): Promise<UserDTO[]> {
  assertCanManageUsers(viewer);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      roleKey: users.roleKey,
      roleName: roles.name,
      active: users.active,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .innerJoin(roles, eq(roles.key, users.roleKey))
    .orderBy(asc(users.email));
  const links = new Map((await linkSummaries(db, now)).map((link) => [link.userId, link]));
  return rows.map((row) => {
    const link = links.get(row.id);
    return {
      ...row,
      lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
      awaitingPassword: Boolean(link?.invited && !link.used),
      linkExpiresAt: link?.liveUntil ?? null,
    };
  });
}
