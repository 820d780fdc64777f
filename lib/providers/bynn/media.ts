import "server-only";
import { ProviderError } from "../errors";
import { presignedDownloader } from "../kit/media";
import type { Transport } from "../kit/transport";
import { BynnIdentityDocumentMedia, BynnSession } from "./schemas";

export const BYNN_DEFAULT_IDENTITY_DOCUMENT_PATH = "/v1/identity_document/{id}";
/** Media keys are Bynn's own image types (front, back, portrait). */
export const BYNN_MEDIA_KEY = /^[a-z][a-z0-9_]{0,40}$/;

export type MediaLookup = {
  send: Transport;
  sessionPath: string;
  providerSessionId: string;
  /** `{id}` = identity document id; see BynnAdapterOptions.identityDocumentPath. */
  identityDocumentPath: string;
  isGone: (error: unknown) => boolean;
};

/** Signed URLs expire, so each view asks Bynn for a fresh one (UNCONFIRMED: media[] {type, url} on the document). */
export async function resolveMediaUrl(lookup: MediaLookup, mediaKey: string): Promise<string> {
  const session = await lookup.send({ path: lookup.sessionPath, schema: BynnSession }).catch((error: unknown) => {
    if (lookup.isGone(error)) throw new ProviderError("bynn", "not_found", "This Bynn session was canceled; its media is gone.");
    throw error;
  });
  const documentId = session.identity_document?.id;
  if (!documentId) throw new ProviderError("bynn", "not_found", "This Bynn session has no identity document.");
  const path = lookup.identityDocumentPath.replace("{id}", encodeURIComponent(documentId));
  const document = await lookup.send({ path, schema: BynnIdentityDocumentMedia });
  // The document is reached through the session, but check the link both ways.
  if (document.session_id && document.session_id !== lookup.providerSessionId) {
    throw new ProviderError("bynn", "invalid_response", "Bynn returned a document of another session.");
  }
  const item = document.media.find((entry) => entry.type === mediaKey);
  if (!item) throw new ProviderError("bynn", "not_found", "Bynn holds no such image for this session.");
  return item.url;
}

/** Bynn's media links are signed and expiring. */
export const downloadSignedMedia = presignedDownloader("bynn", "Bynn's media storage");
