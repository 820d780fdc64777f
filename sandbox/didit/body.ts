import type { IncomingMessage } from "node:http";

const MAX_BODY_BYTES = 1_048_576;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; detail: string };

/** DRF's parser errors, word for word where we know them. An empty body is an empty object. */
export async function readJsonObject(req: IncomingMessage): Promise<JsonBody> {
  let text: string;
  try {
    text = (await readBody(req)).toString("utf8");
  } catch {
    return { ok: false, detail: "Request body too large." };
  }
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
    return { ok: false, detail: "Invalid data. Expected a dictionary, but got a different type." };
  } catch (error) {
    return { ok: false, detail: `JSON parse error - ${error instanceof Error ? error.message : "invalid JSON"}` };
  }
}
