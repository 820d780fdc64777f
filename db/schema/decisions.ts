import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { DecisionAction } from "@/lib/providers/types";
import type { DecisionState } from "@/lib/sessions/decision-states";
import { users } from "./auth";
import { verificationSessions } from "./sessions";

/**
 * A reviewer's decision and its journey to the provider:
 * requested → sent → confirmed | failed, or `recorded` where the provider has no decision API.
 */
export const decisions = pgTable(
  "decisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => verificationSessions.id, { onDelete: "cascade" }),
    action: text().$type<DecisionAction>().notNull(),
    reasonCode: text().notNull(),
    comment: text().notNull().default(""),
    actorId: uuid()
      .notNull()
      .references(() => users.id),
    secondActorId: uuid().references(() => users.id),
    idempotencyKey: text().notNull().unique(),
    state: text().$type<DecisionState>().notNull(),
    providerResponse: jsonb().$type<Record<string, unknown>>(),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("decisions_session_idx").on(t.sessionId, t.createdAt),
    index("decisions_state_idx").on(t.state),
    // Decision history pages newest first and filters by date and actor.
    index("decisions_created_idx").on(t.createdAt, t.id),
    index("decisions_actor_idx").on(t.actorId, t.createdAt),
  ],
);
