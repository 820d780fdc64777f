import "server-only";
import { downloadPresigned } from "../download";
import { ProviderError } from "../errors";
import type { MediaFile } from "../types";
import { DIDIT_IDV_IMAGE_FIELDS } from "./schemas";
import type { DiditDecision } from "./schemas";

type ImageField = (typeof DIDIT_IDV_IMAGE_FIELDS)[keyof typeof DIDIT_IDV_IMAGE_FIELDS];

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

/** The link's signature is the credential, so the API key never travels with the download. */
export function downloadMedia(url: string, timeoutMs: number): Promise<MediaFile> {
  return downloadPresigned(url, { provider: "didit", source: "Didit's media storage", timeoutMs });
}
