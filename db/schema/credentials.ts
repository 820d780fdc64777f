import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * One-time set-password links. Only the SHA-256 of the token is stored: the token itself is
 * shown once to the admin who issued it, so a copy of this table cannot be used to sign in.
 */
export const setPasswordTokens = pgTable(
  "set_password_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull().unique(),
    // "invite": the account was created without a password; "reset": an admin issued a new link.
    purpose: text({ enum: ["invite", "reset"] }).notNull(),
    createdById: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    // Set when a newer link replaces this one or the user is deactivated.
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index().on(table.userId)],
);
