import { createHmac, timingSafeEqual } from "node:crypto";
import { cardPng } from "../generate/png";
import { sendBytes, sendJson } from "../http";
import type { SandboxRequest } from "../router";
import type { BynnState } from "./types";
import { mediaTypesOf } from "./views";

/** Bynn's media links are signed and short-lived; these behave the same way. */
const MEDIA_TTL_SECONDS = 10 * 60;

const COLOURS: Record<string, readonly [number, number, number]> = {
  front: [40, 120, 170],
  back: [120, 130, 140],
  portrait: [210, 168, 138],
};
const cache = new Map<string, Buffer>();

function signature(secret: string, documentId: string, type: string, expires: number): string {
  return createHmac("sha256", secret).update(`${documentId}/${type}:${expires}`).digest("hex");
}

export function signedMedia(state: BynnState, baseUrl: string, documentId: string, type: string) {
  const expires = Math.floor(state.clock().getTime() / 1000) + MEDIA_TTL_SECONDS;
  const sig = signature(state.mediaSecret, documentId, type, expires);
  return {
    type,
    url: `${baseUrl}/media/${encodeURIComponent(documentId)}/${type}.png?expires=${expires}&signature=${sig}`,
    expires_at: new Date(expires * 1000).toISOString(),
  };
}

/** No API key here: the signature in the URL is the credential, as with a presigned object URL. */
export function serveMedia(state: BynnState, request: SandboxRequest, documentId: string, type: string): void {
  const { res, url } = request;
  const expires = Number(url.searchParams.get("expires"));
  const given = Buffer.from(url.searchParams.get("signature") ?? "");
  const wanted = Buffer.from(signature(state.mediaSecret, documentId, type, expires));
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    return sendJson(res, 403, { error: { type: "authentication_error", message: "Invalid media signature." } });
  }
  if (expires * 1000 < state.clock().getTime()) {
    return sendJson(res, 403, { error: { type: "authentication_error", message: "This media link has expired." } });
  }
  const record = state.sessions.find((session) => session.ids.identityDocument === documentId);
  if (!record || !mediaTypesOf(record).includes(type) || record.status === "session.canceled") {
    return sendJson(res, 404, { error: { type: "not_found", message: "No such media." } });
  }
  sendBytes(res, 200, "image/png", pngFor(type));
}

function pngFor(type: string): Buffer {
  const cached = cache.get(type);
  if (cached) return cached;
  const portrait = type === "portrait";
  const png = cardPng(portrait ? 60 : 96, portrait ? 72 : 60, COLOURS[type] ?? [120, 120, 120]);
  cache.set(type, png);
  return png;
}
