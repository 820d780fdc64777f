import "server-only";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { sessionChecks, sessionDocuments } from "@/db/schema";
import type { NormalizedSession } from "@/lib/providers/types";

/** One entry per provider id, the last one winning, as one row-by-row upsert after another would leave it. */
function lastById<T>(items: T[], idOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [idOf(item), item])).values()];
}

/**
 * Upserts documents and checks by the provider's own ids, so a re-read never duplicates them.
 * One statement for each kind, not one per row: webhook apply and sync run this for every event.
 */
export async function replaceDetails(tx: Transaction, sessionId: string, incoming: NormalizedSession, now: Date) {
  const documents = lastById(incoming.documents, (doc) => doc.providerDocumentId);
  if (documents.length > 0) {
    await tx
      .insert(sessionDocuments)
      .values(
        documents.map((doc) => ({
          sessionId,
          providerDocumentId: doc.providerDocumentId,
          documentType: doc.documentType,
          kind: doc.kind,
          // Extra fields share the `fields` column (their names never overlap), so redaction's wipe of it removes them too.
          fields: { ...doc.extraFields, ...doc.fields },
          mediaKeys: doc.mediaKeys,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [sessionDocuments.sessionId, sessionDocuments.providerDocumentId],
        set: {
          documentType: sql`excluded.document_type`,
          kind: sql`excluded.kind`,
          fields: sql`excluded.fields`,
          mediaKeys: sql`excluded.media_keys`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
  const checks = lastById(incoming.checks, (check) => check.providerCheckId);
  if (checks.length > 0) {
    await tx
      .insert(sessionChecks)
      .values(
        checks.map((check) => ({
          sessionId,
          providerCheckId: check.providerCheckId,
          kind: check.kind,
          result: check.result,
          score: check.score,
          codes: check.codes,
          details: check.details,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [sessionChecks.sessionId, sessionChecks.providerCheckId],
        set: {
          kind: sql`excluded.kind`,
          result: sql`excluded.result`,
          score: sql`excluded.score`,
          codes: sql`excluded.codes`,
          details: sql`excluded.details`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
}
