import { createHmac, timingSafeEqual } from "node:crypto";
import { cardPng } from "../generate/png";
import { sendBytes, sendText } from "../http";
import type { SandboxRequest } from "../router";
import { capturedFiles } from "./lifecycle";
import type { BelticState, FileKind } from "./types";

/** Like the documented upload links on files.beltic.com, download links are presigned and short-lived. */
const FILE_TTL_SECONDS = 15 * 60;

const COLOURS: Record<FileKind, readonly [number, number, number]> = {
  front: [70, 110, 190],
  back: [130, 140, 150],
  portrait: [214, 170, 140],
  address: [235, 235, 220],
};

const cache = new Map<FileKind, Buffer>();

export type RenderContext = { baseUrl: string; mediaSecret: string };

function signature(secret: string, fileId: string, expires: number): string {
  return createHmac("sha256", secret).update(`${fileId}:${expires}`).digest("hex");
}

export function fileLink(ctx: RenderContext, fileId: string): { url: string; expiresAt: string } {
  const expires = Math.floor(Date.now() / 1000) + FILE_TTL_SECONDS;
  const query = `expires=${expires}&signature=${signature(ctx.mediaSecret, fileId, expires)}`;
  return { url: `${ctx.baseUrl}/files/${encodeURIComponent(fileId)}?${query}`, expiresAt: new Date(expires * 1000).toISOString() };
}

/** GET /files/{id}: the signature is the credential, no X-Api-Key (S3-style answers in plain text). */
export function serveFile(state: BelticState, request: SandboxRequest, fileId: string): void {
  const { res, url } = request;
  const expires = Number(url.searchParams.get("expires"));
  const given = Buffer.from(url.searchParams.get("signature") ?? "");
  const wanted = Buffer.from(signature(state.mediaSecret, fileId, expires));
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return sendText(res, 403, "Signature does not match.");
  if (!Number.isFinite(expires) || expires * 1000 < Date.now()) return sendText(res, 403, "Request has expired.");
  const kind = availableFile(state, fileId);
  if (!kind) return sendText(res, 404, "The specified key does not exist.");
  sendBytes(res, 200, "image/png", pngFor(kind));
}

function availableFile(state: BelticState, fileId: string): FileKind | null {
  for (const record of state.sessions) {
    const entry = Object.entries(capturedFiles(record)).find(([, id]) => id === fileId);
    if (entry) return entry[0] as FileKind;
  }
  return null;
}

function pngFor(kind: FileKind): Buffer {
  const cached = cache.get(kind);
  if (cached) return cached;
  const portrait = kind === "portrait";
  const png = cardPng(portrait ? 60 : 96, portrait ? 72 : 60, COLOURS[kind]);
  cache.set(kind, png);
  return png;
}
