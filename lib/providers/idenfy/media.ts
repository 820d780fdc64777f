import "server-only";
import { downloadPresigned } from "../download";
import type { MediaFile } from "../types";

/** iDenfy's links are S3-style presigned, so the API credentials never travel with the download. */
export function downloadMedia(url: string, timeoutMs: number): Promise<MediaFile> {
  return downloadPresigned(url, { provider: "idenfy", source: "iDenfy's file storage", timeoutMs });
}
