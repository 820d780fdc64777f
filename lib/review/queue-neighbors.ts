import "server-only";
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { verificationSessions } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { IN_QUEUE } from "./queue-where";
import type { ServiceContext } from "./service-context";

const s = verificationSessions;

export type QueueNeighbors = { previous: string | null; next: string | null };

/**
 * The queue cases just before and after a case, for j / k on its page. The queue's order is
 * provider_created_at ascending, undated last, then id: a row comparison on (created, id)
 * walks the queue index from the case's place, so each read is one index probe, wherever the
 * case sits. The case need not be in the queue itself (just decided, say): its place still is.
 */
export async function queueNeighbors({ db, viewer }: ServiceContext, { sessionId }: { sessionId: string }): Promise<QueueNeighbors> {
  if (!can(viewer.permissions, "sessions:read")) throw new AppError("FORBIDDEN", "You may not see the queue.");
  // As text: provider_created_at has microseconds that a JS Date would drop.
  const [self] = await db
    .select({ at: sql<string | null>`${s.providerCreatedAt}::text` })
    .from(s)
    .where(eq(s.id, sessionId));
  if (!self) return { previous: null, next: null };
  const first = (where: ReturnType<typeof and>, order: ReturnType<typeof asc>[]) =>
    db
      .select({ id: s.id })
      .from(s)
      .where(and(IN_QUEUE, where))
      .orderBy(...order)
      .limit(1)
      .then(([row]) => row?.id ?? null);
  const undated = (where: ReturnType<typeof and>, direction: typeof asc) => first(and(isNull(s.providerCreatedAt), where), [direction(s.id)]);
  if (self.at === null) {
    const [next, previous] = await Promise.all([undated(gt(s.id, sessionId), asc), undated(lt(s.id, sessionId), desc)]);
    return { next, previous: previous ?? (await first(isNotNull(s.providerCreatedAt), [desc(s.providerCreatedAt), desc(s.id)])) };
  }
  const place = sql`(${self.at}::timestamptz, ${sessionId}::uuid)`;
  const [next, previous] = await Promise.all([
    first(and(sql`(${s.providerCreatedAt}, ${s.id}) > ${place}`), [asc(s.providerCreatedAt), asc(s.id)]),
    first(and(sql`(${s.providerCreatedAt}, ${s.id}) < ${place}`), [desc(s.providerCreatedAt), desc(s.id)]),
  ]);
  return { previous, next: next ?? (await undated(undefined, asc)) };
}
