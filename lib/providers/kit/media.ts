import "server-only";
import { downloadPresigned } from "../download";
import type { MediaFile, ProviderId } from "../types";

/**
 * Media behind presigned links: the link's signature is the credential, so the API key never
 * travels with the download. `source` is who serves the file, as a reviewer reads it.
 */
export function presignedDownloader(provider: ProviderId, source: string) {
  return (url: string, timeoutMs: number): Promise<MediaFile> => downloadPresigned(url, { provider, source, timeoutMs });
}
