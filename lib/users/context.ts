import type { Database } from "@/db/client";
import type { AuditActor } from "@/lib/audit/append";
import type { Viewer } from "@/lib/auth/load-viewer";

/**
 * The first argument of every user service, `(ctx, input)` as in lib/review/service-context.ts: who asks, against
 * which database, and which clock (now unless a test pins it).
 */
export type UsersContext = { db: Database; viewer: Viewer; now?: Date };

/** Services used before anyone is signed in (the set-password link): the token in the input is the only proof. */
export type PublicContext = { db: Database; now?: Date };

/** The CLI, seeding and tests create users as a named system actor, not as a signed-in viewer. */
export type SystemContext = { db: Database; actor: AuditActor };
