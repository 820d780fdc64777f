import { createHmac, timingSafeEqual } from "node:crypto";
import { cardPng } from "../generate/png";
import { sendBytes, sendJson, sendText } from "../http";
import type { SandboxRequest } from "../router";
import { findRecord } from "./types";
import type { IdenfyRecord, IdenfyState } from "./types";

/** iDenfy hands out presigned storage links that expire; these behave the same way. */
const MEDIA_TTL_SECONDS = 15 * 60;

const COLOURS: Record<string, readonly [number, number, number]> = {
  FRONT: [60, 120, 170],
  BACK: [140, 140, 150],
  FACE: [210, 165, 135],
};
const cache = new Map<string, Buffer>();

function signature(secret: string, scanRef: string, file: string, expires: number): string {
  return createHmac("sha256", secret).update(`${scanRef}/${file}:${expires}`).digest("hex");
}

export function mediaUrl(state: IdenfyState, baseUrl: string, scanRef: string, file: string): string {
  const expires = Math.floor(state.clock().getTime() / 1000) + MEDIA_TTL_SECONDS;
  const sig = signature(state.mediaSecret, scanRef, file, expires);
  return `${baseUrl}/media/${encodeURIComponent(scanRef)}/${file}.png?expires=${expires}&signature=${sig}`;
}

/** `fileUrls` / the files endpoint: FRONT, BACK, FACE → fresh links. */
export function fileUrls(state: IdenfyState, baseUrl: string, record: IdenfyRecord): Record<string, string> {
  return Object.fromEntries(record.files.map((file) => [file, mediaUrl(state, baseUrl, record.scanRef, file)]));
}

/** GET /media/{scanRef}/{FILE}.png: the signature is the credential, as on S3. */
export function serveMedia(state: IdenfyState, request: SandboxRequest, scanRef: string, file: string): void {
  const { res, url } = request;
  const expires = Number(url.searchParams.get("expires"));
  const given = Buffer.from(url.searchParams.get("signature") ?? "");
  const wanted = Buffer.from(signature(state.mediaSecret, scanRef, file, expires));
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return sendText(res, 403, "Signature does not match.");
  if (expires * 1000 < state.clock().getTime()) return sendText(res, 403, "Request has expired.");
  const record = findRecord(state, scanRef);
  // Deleted data is gone even behind a link handed out before the deletion.
  if (!record || !record.files.includes(file)) return sendJson(res, 404, { identifier: "NOT_FOUND", message: "File not found." });
  sendBytes(res, 200, "image/png", pngFor(file));
}

function pngFor(file: string): Buffer {
  const cached = cache.get(file);
  if (cached) return cached;
  const face = file === "FACE";
  const png = cardPng(face ? 60 : 96, face ? 72 : 60, COLOURS[file] ?? [120, 120, 120]);
  cache.set(file, png);
  return png;
}
