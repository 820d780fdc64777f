import "server-only";
import { count, desc } from "drizzle-orm";
import type { Database } from "@/db/client";
import { outboundDeliveries } from "@/db/schema";
import { DELIVERY_STATES, type DeliveryState, type OutboundDeliveryDTO, type OutboundOverviewDTO, type OutboundTargetDTO } from "./types";

const LATEST = 100;

function sessionOf(payload: Record<string, unknown>): OutboundDeliveryDTO["session"] {
  const data = payload.data as Record<string, unknown> | undefined;
  const { sessionId, provider, providerSessionId } = data ?? {};
  if (typeof sessionId !== "string" || typeof provider !== "string" || typeof providerSessionId !== "string") return null;
  return { id: sessionId, provider, providerSessionId };
}

/** The admin page's view: counts per state and the latest deliveries (ids and codes only, no payload). */
export async function loadOutboundOverview(db: Database, target: OutboundTargetDTO): Promise<OutboundOverviewDTO> {
  const [grouped, rows] = await Promise.all([
    db.select({ state: outboundDeliveries.state, n: count() }).from(outboundDeliveries).groupBy(outboundDeliveries.state),
    db.select().from(outboundDeliveries).orderBy(desc(outboundDeliveries.createdAt), desc(outboundDeliveries.id)).limit(LATEST),
  ]);
  const counts = Object.fromEntries(DELIVERY_STATES.map((state) => [state, 0])) as Record<DeliveryState, number>;
  for (const { state, n } of grouped) if (state in counts) counts[state] = n;
  const deliveries = rows.map((row): OutboundDeliveryDTO => ({
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    session: sessionOf(row.payload),
    state: row.state,
    attempts: row.attempts,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  }));
  return { target, counts, deliveries };
}
