import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http";
import type { IdenfyState } from "./types";

const MAX_BODY_BYTES = 1_048_576;

/** iDenfy's error body: `{identifier, message}` (deletion adds `severity`). */
export function sendError(res: ServerResponse, status: number, identifier: string, message: string, extra: object = {}, headers: Record<string, string> = {}): void {
  sendJson(res, status, { message, identifier, ...extra }, headers);
}

// Compare digests so neither timing nor length says anything about the credentials.
const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
const same = (given: string, wanted: string) => timingSafeEqual(digest(given), digest(wanted));

/** HTTP Basic with API key (username) and API secret (password). Returns the error text, or null. */
export function checkBasicAuth(state: IdenfyState, req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match) return "Authentication credentials were not provided.";
  const decoded = Buffer.from(match[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return "Invalid basic header. No credentials provided.";
  const keyOk = same(decoded.slice(0, colon), state.apiKey);
  const secretOk = same(decoded.slice(colon + 1), state.apiSecret);
  return keyOk && secretOk ? null : "Invalid API key or API secret.";
}

export type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** The JSON object a POST carries; an empty body is an empty object. */
export async function readJsonObject(req: IncomingMessage): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return { ok: false, message: "Request body is too large." };
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { ok: false, message: "Request body must be a JSON object." };
    }
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, message: "Request body is not valid JSON." };
  }
}

/** A malformed escape is just an id that matches nothing (404), not a server error. */
export function safeDecode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    return "";
  }
}
