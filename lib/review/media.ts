import "server-only";
import { and, eq } from "drizzle-orm";
import { sessionDocuments, verificationSessions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/append";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import type { MediaFile } from "@/lib/providers/types";
import type { ServiceContext } from "./service-context";

const SAFE_TYPES = /^(image\/(png|jpeg|webp|gif)|application\/pdf)$/;

/**
 * A document image, fetched from the provider on demand: provider URLs expire and carry
 * credentials, so they never reach the browser. Each view is audited.
 */
export async function fetchDocumentMedia(
  ctx: ServiceContext,
  { sessionId, documentId, name }: { sessionId: string; documentId: string; name: string },
): Promise<MediaFile> {
  const { db, viewer, resolveAdapter = getProviderAdapter } = ctx;
  if (!can(viewer.permissions, "sessions:read_pii")) throw new AppError("FORBIDDEN", "You may not view document images.");
  const [row] = await db
    .select({
      provider: verificationSessions.provider,
      providerSessionId: verificationSessions.providerSessionId,
      redactedAt: verificationSessions.redactedAt,
      mediaKeys: sessionDocuments.mediaKeys,
    })
    .from(sessionDocuments)
    .innerJoin(verificationSessions, eq(verificationSessions.id, sessionDocuments.sessionId))
    .where(and(eq(sessionDocuments.id, documentId), eq(sessionDocuments.sessionId, sessionId)));
  const mediaKey = row && !row.redactedAt && Object.hasOwn(row.mediaKeys, name) ? row.mediaKeys[name] : undefined;
  if (!row || !mediaKey) throw new AppError("NOT_FOUND", "No such image.");
  const adapter = resolveAdapter(row.provider);
  if (!adapter) throw new AppError("NOT_FOUND", "The provider of this image is not configured.");
  const file = await adapter.fetchMedia(row.providerSessionId, mediaKey);
  const contentType = file.contentType.split(";")[0]!.trim().toLowerCase();
  if (!SAFE_TYPES.test(contentType)) throw new AppError("PROVIDER", "The provider sent a file type Verdict does not display.");
  await recordAudit(db, {
    actor: { id: viewer.id, label: viewer.email },
    action: "media.view",
    targetType: "session",
    targetId: sessionId,
    details: { documentId, name },
  });
  return { contentType, body: file.body };
}
