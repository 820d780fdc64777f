import "server-only";
import { presignedDownloader } from "../kit/media";
import type { IdenfyFiles } from "./schemas";

/** iDenfy file names look like FRONT, BACK, FACE, FRONT_VIDEO, UTILITY_BILL. */
const FILE_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Media keys are the lower-cased file names (front, back, face) mapped to iDenfy's own names.
 * Only the names are kept: the URLs are presigned and expire.
 */
export function mediaKeysOf(files: IdenfyFiles | null): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, url] of Object.entries(files ?? {})) {
    if (FILE_NAME.test(name) && typeof url === "string" && /^https?:\/\//i.test(url)) keys[name.toLowerCase()] = name;
  }
  return keys;
}

/** The URL behind a media key ("front" or "FRONT"), or null when iDenfy holds no such file. */
export function fileUrlOf(files: IdenfyFiles, mediaKey: string): string | null {
  const name = mediaKey.toUpperCase();
  if (!FILE_NAME.test(name) || !Object.hasOwn(files, name)) return null;
  const url = files[name];
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

/** UNCONFIRMED: the files response as a flat name → URL map; a `fileUrls` wrapper (the webhook's name) works too. */
export function filesOf(response: IdenfyFiles): IdenfyFiles {
  const nested = response.fileUrls;
  return typeof nested === "object" && nested !== null && !Array.isArray(nested) ? (nested as IdenfyFiles) : response;
}

/** iDenfy's links are S3-style presigned. */
export const downloadMedia = presignedDownloader("idenfy", "iDenfy's file storage");
