import "server-only";
import type { Transaction } from "@/db/client";
import { sessionChecks, sessionDocuments } from "@/db/schema";
import type { NormalizedSession } from "@/lib/providers/types";

/** Upserts documents and checks by the provider's own ids, so a re-read never duplicates them. */
export async function replaceDetails(tx: Transaction, sessionId: string, incoming: NormalizedSession, now: Date) {
  for (const doc of incoming.documents) {
    // Extra fields share the `fields` column (their names never overlap), so redaction's wipe of it removes them too.
    const fields = { ...doc.extraFields, ...doc.fields };
    const values = { documentType: doc.documentType, kind: doc.kind, fields, mediaKeys: doc.mediaKeys, updatedAt: now };
    await tx
      .insert(sessionDocuments)
      .values({ sessionId, providerDocumentId: doc.providerDocumentId, ...values })
      .onConflictDoUpdate({ target: [sessionDocuments.sessionId, sessionDocuments.providerDocumentId], set: values });
  }
  for (const check of incoming.checks) {
    const values = { kind: check.kind, result: check.result, score: check.score, codes: check.codes, details: check.details, updatedAt: now };
    await tx
      .insert(sessionChecks)
      .values({ sessionId, providerCheckId: check.providerCheckId, ...values })
      .onConflictDoUpdate({ target: [sessionChecks.sessionId, sessionChecks.providerCheckId], set: values });
  }
}
