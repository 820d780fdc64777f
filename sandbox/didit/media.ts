import { createHmac, timingSafeEqual } from "node:crypto";
import { cardPng } from "../generate/png";
import { sendBytes, sendJson, sendText } from "../http";
import type { SandboxRequest } from "../router";
import type { DiditState } from "./types";

/** Didit's media links are presigned and short-lived; these behave the same way. */
const MEDIA_TTL_SECONDS = 15 * 60;

const COLOURS: Record<string, readonly [number, number, number]> = {
  portrait: [214, 170, 140],
  selfie: [200, 160, 130],
  front: [70, 110, 190],
  back: [130, 140, 150],
};

const cache = new Map<string, Buffer>();

function signature(secret: string, sessionId: string, name: string, expires: number): string {
  return createHmac("sha256", secret).update(`${sessionId}/${name}:${expires}`).digest("hex").slice(0, 32);
}

export function mediaUrl(baseUrl: string, secret: string, sessionId: string, name: string): string {
  const expires = Math.floor(Date.now() / 1000) + MEDIA_TTL_SECONDS;
  const sig = signature(secret, sessionId, name, expires);
  return `${baseUrl}/media/${encodeURIComponent(sessionId)}/${name}.png?expires=${expires}&sig=${sig}`;
}

export function serveMedia(state: DiditState, request: SandboxRequest, sessionId: string, name: string): void {
  const { res, url } = request;
  const expires = Number(url.searchParams.get("expires"));
  const given = Buffer.from(url.searchParams.get("sig") ?? "");
  const wanted = Buffer.from(signature(state.mediaSecret, sessionId, name, expires));
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    sendText(res, 403, "Signature does not match.");
    return;
  }
  if (expires * 1000 < Date.now()) {
    sendText(res, 403, "Request has expired.");
    return;
  }
  if (!state.sessions.some((session) => session.sessionId === sessionId)) {
    sendJson(res, 404, { detail: "Not found." });
    return;
  }
  sendBytes(res, 200, "image/png", pngFor(name));
}

function pngFor(name: string): Buffer {
  const cached = cache.get(name);
  if (cached) return cached;
  const portrait = name === "portrait" || name === "selfie";
  const png = cardPng(portrait ? 60 : 96, portrait ? 72 : 60, COLOURS[name] ?? [120, 120, 120]);
  cache.set(name, png);
  return png;
}
