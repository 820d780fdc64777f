import "server-only";
import { ProviderError } from "../errors";
import { presignedDownloader } from "../kit/media";
import { isDocument } from "./schemas";
import type { BelticDocument, BelticSessionDocument } from "./schemas";

/** Image slots on a document resource → our media names. */
export const BELTIC_MEDIA_SLOTS = {
  front: "front_side",
  back: "back_side",
  portrait: "portrait",
  signature: "signature",
} as const;
export type BelticMediaSlot = (typeof BELTIC_MEDIA_SLOTS)[keyof typeof BELTIC_MEDIA_SLOTS];

/** `<document id>:<slot>`: a name only. The file's presigned URL is resolved again on every fetch. */
export function mediaKeysOf(document: BelticDocument): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, slot] of Object.entries(BELTIC_MEDIA_SLOTS)) {
    if (fileIdOf(document, slot)) keys[name] = `${document.id}:${slot}`;
  }
  return keys;
}

function fileIdOf(document: BelticDocument, slot: BelticMediaSlot): string | null {
  const value = document.attributes[slot];
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

function parseMediaKey(mediaKey: string): { documentId: string; slot: BelticMediaSlot } | null {
  const at = mediaKey.lastIndexOf(":");
  if (at <= 0) return null;
  const slot = mediaKey.slice(at + 1);
  const known = Object.values(BELTIC_MEDIA_SLOTS).find((candidate) => candidate === slot);
  return known ? { documentId: mediaKey.slice(0, at), slot: known } : null;
}

const notFound = (message: string) => new ProviderError("beltic", "not_found", message);

/** The presigned download URL of one image, read from a freshly fetched session (URLs expire). */
export function downloadUrlOf(session: BelticSessionDocument, mediaKey: string): string {
  const key = parseMediaKey(mediaKey);
  if (!key) throw notFound("That Beltic image does not exist.");
  const document = (session.included ?? []).filter(isDocument).find((doc) => doc.id === key.documentId);
  if (!document) throw notFound("Beltic no longer lists the document of that image.");
  const fileId = fileIdOf(document, key.slot);
  const file = document.attributes.files?.find((candidate) => candidate.id === fileId);
  if (!file?.download_url) throw notFound("Beltic has no downloadable file for that image (it may have been redacted).");
  return file.download_url;
}

/** The file host is not Beltic's API origin. */
export const download = presignedDownloader("beltic", "Beltic's file host");
