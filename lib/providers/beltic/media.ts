import "server-only";
import { downloadPresigned } from "../download";
import { ProviderError } from "../errors";
import type { MediaFile } from "../types";
import { fileIdOf, parseMediaKey } from "./documents";
import { isDocument } from "./schemas";
import type { BelticSessionDocument } from "./schemas";

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

/** The file host is not Beltic's API origin, so the API key never travels with the download. */
export function download(url: string, timeoutMs: number): Promise<MediaFile> {
  return downloadPresigned(url, { provider: "beltic", source: "Beltic's file host", timeoutMs });
}
