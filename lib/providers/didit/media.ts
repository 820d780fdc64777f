import "server-only";
import { ProviderError } from "../errors";
import { presignedDownloader } from "../kit/media";
import { DIDIT_IDV_IMAGE_FIELDS } from "./schemas";
import type { DiditDecision, DiditIdVerification } from "./schemas";

type ImageField = (typeof DIDIT_IDV_IMAGE_FIELDS)[keyof typeof DIDIT_IDV_IMAGE_FIELDS];

/** Only the names of the image fields: the URLs are presigned and expire within minutes. */
export function mediaKeysOf(idv: DiditIdVerification): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, field] of Object.entries(DIDIT_IDV_IMAGE_FIELDS)) {
    if (idv[field]) keys[name] = field;
  }
  return keys;
}

/** Accepts either the media key's name ("portrait") or Didit's field name ("portrait_image"). */
export function imageFieldOf(mediaKey: string): ImageField | null {
  const fields: Record<string, ImageField> = DIDIT_IDV_IMAGE_FIELDS;
  if (Object.hasOwn(fields, mediaKey)) return fields[mediaKey] ?? null;
  return Object.values(fields).find((field) => field === mediaKey) ?? null;
}

export function imageUrlOf(decision: DiditDecision, field: ImageField): string {
  const url = (decision.id_verifications ?? []).map((idv) => idv[field]).find((value) => Boolean(value));
  if (!url) throw new ProviderError("didit", "not_found", "Didit holds no such image for this session.");
  return url;
}

export const downloadMedia = presignedDownloader("didit", "Didit's media storage");
