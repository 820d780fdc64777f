import "server-only";
import { downloadPresigned } from "../download";
import type { MediaFile } from "../types";

/** Bynn's media links are signed and expiring, so the API key never travels with the download. */
export function downloadSignedMedia(url: string, timeoutMs: number): Promise<MediaFile> {
  return downloadPresigned(url, { provider: "bynn", source: "Bynn's media storage", timeoutMs });
}
