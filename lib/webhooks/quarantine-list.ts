import "server-only";
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { webhookReceipts } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-viewer";
import { AppError } from "@/lib/errors";

/**
 * One quarantined body as admins see it. The body itself is never shown: it is the applicant's
 * personal data, and showing it would be a read of personal data on every page load. What an
 * admin needs to act (and a developer to fix the parser) is the error, the size and the body's
 * shape: its top-level key names, which are the provider's field names, not values.
 */
export type QuarantinedWebhookDTO = {
  id: string;
  provider: string;
  receivedAt: string;
  lastReceivedAt: string;
  attempts: number;
  error: string;
  size: number;
  shape: string;
  /** Whether the provider's session id is known (only when the body parsed but did not apply). */
  sessionKnown: boolean;
};

export type QuarantineOverview = Record<string, { rows: QuarantinedWebhookDTO[]; total: number }>;

const SHOWN_PER_PROVIDER = 20;
const SHAPE_KEYS = 12;
const OUTLINE_BYTES = 64 * 1024;

/** A value-free description of the bytes: what kind of document, and its top-level field names. */
export function bodyShape(rawBody: Uint8Array | null): string {
  if (!rawBody || rawBody.byteLength === 0) return "empty";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(rawBody);
  } catch {
    return "not UTF-8 text";
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (Array.isArray(json)) return `JSON array of ${json.length}`;
  if (json === null || typeof json !== "object") return `JSON ${json === null ? "null" : typeof json}`;
  const keys = Object.keys(json);
  const shown = keys.slice(0, SHAPE_KEYS).map((key) => key.slice(0, 40));
  return `JSON object: ${shown.join(", ")}${keys.length > shown.length ? `, … (${keys.length} keys)` : ""}`;
}

export async function listQuarantinedWebhooks(db: Database, viewer: Viewer): Promise<QuarantineOverview> {
  if (!can(viewer.permissions, "providers:manage")) throw new AppError("FORBIDDEN", "You may not manage providers");
  const quarantined = eq(webhookReceipts.outcome, "quarantined");
  const totals = await db.select({ provider: webhookReceipts.provider, n: count() }).from(webhookReceipts).where(quarantined).groupBy(webhookReceipts.provider);
  const overview: QuarantineOverview = {};
  // One query per provider that has any (four at most), each an index range on the partial index.
  for (const { provider, n } of totals) {
    const rows = await db
      .select({
        id: webhookReceipts.id,
        receivedAt: webhookReceipts.receivedAt,
        lastReceivedAt: webhookReceipts.lastReceivedAt,
        attempts: webhookReceipts.attempts,
        error: webhookReceipts.error,
        size: sql<number>`coalesce(octet_length(${webhookReceipts.rawBody}), 0)`.mapWith(Number),
        // Enough to outline any realistic event without loading bodies of up to WEBHOOK_MAX_BYTES.
        head: sql<Uint8Array | null>`substring(${webhookReceipts.rawBody} from 1 for ${OUTLINE_BYTES})`,
        sessionKnown: sql<boolean>`${webhookReceipts.providerSessionId} is not null`,
      })
      .from(webhookReceipts)
      .where(and(quarantined, eq(webhookReceipts.provider, provider)))
      .orderBy(desc(webhookReceipts.lastReceivedAt))
      .limit(SHOWN_PER_PROVIDER);
    overview[provider] = {
      total: n,
      rows: rows.map((row) => ({
        id: row.id,
        provider,
        receivedAt: row.receivedAt.toISOString(),
        lastReceivedAt: row.lastReceivedAt.toISOString(),
        attempts: row.attempts,
        error: row.error ?? "",
        size: row.size,
        shape: row.size > OUTLINE_BYTES ? `larger than ${OUTLINE_BYTES / 1024} KiB: not outlined` : bodyShape(row.head),
        sessionKnown: Boolean(row.sessionKnown),
      })),
    };
  }
  return overview;
}
