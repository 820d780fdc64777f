import { boolean, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const roles = pgTable("roles", {
  key: text().primaryKey(),
  name: text().notNull(),
  permissions: text().array().notNull(),
  builtIn: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable("users", {
  id: uuid().primaryKey().defaultRandom(),
  // Stored lower-cased; the unique index therefore makes e-mail case-insensitive.
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  roleKey: text()
    .notNull()
    .references(() => roles.key),
  active: boolean().notNull().default(true),
  // Part of every session token; bumping it revokes all of the user's sessions.
  tokenVersion: integer().notNull().default(1),
  lastSignInAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Failed sign-in counters: one row per account e-mail, per account and client address, and per address. */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  lockedUntil: timestamp({ withTimezone: true }),
  // Attempts refused while locked are counted here, not audited one by one: the audit log is
  // append-only, so one row per lock window (the first refusal) keeps it bounded.
  refused: integer().notNull().default(0),
  /** The lock (its lockedUntil) that `refused` counts against; another value means a new window. */
  refusedUntil: timestamp({ withTimezone: true }),
});
