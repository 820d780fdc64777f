import type { SandboxRequest } from "../router";
import { sendDocument, sendError } from "./errors";
import { sessionResource } from "./resources";
import { BELTIC_STATUSES } from "./types";
import type { BelticSessionRecord, BelticState } from "./types";

const DEFAULT_SIZE = 15;
const MAX_SIZE = 100;

type Cursor = { created_at: string; id: string };

/** GET /v1/identity/sessions: newest first, opaque base64 JSON cursors (page[after] / page[before]). */
export function listSessions(state: BelticState, request: SandboxRequest): void {
  const { res, url } = request;
  const params = url.searchParams;
  const size = params.has("page[size]") ? Number(params.get("page[size]")) : DEFAULT_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE) {
    return sendError(res, 400, "invalid_parameter", `page[size] must be between 1 and ${MAX_SIZE}.`);
  }
  const statuses = params.get("filter[status]")?.split(",").filter(Boolean) ?? [];
  const unknown = statuses.find((status) => !(BELTIC_STATUSES as readonly string[]).includes(status));
  if (unknown) return sendError(res, 400, "invalid_parameter", `filter[status] has an unknown status: ${unknown}.`);
  const after = decodeCursor(params.get("page[after]"));
  const before = decodeCursor(params.get("page[before]"));
  if (after === undefined || before === undefined) return sendError(res, 400, "invalid_cursor", "The page cursor is not valid.");

  const all = state.sessions.filter((record) => statuses.length === 0 || statuses.includes(record.status)).sort((a, b) => compare(keyOf(a), keyOf(b)));
  const window = all.filter((record) => (!after || compare(keyOf(record), after) > 0) && (!before || compare(keyOf(record), before) < 0));
  const page = before && !after ? window.slice(-size) : window.slice(0, size);
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = last !== undefined && all.some((record) => compare(keyOf(record), keyOf(last)) > 0);
  const hasPrevious = first !== undefined && all.some((record) => compare(keyOf(record), keyOf(first)) < 0);
  sendDocument(res, {
    data: page.map(sessionResource),
    meta: { page: { size, hasNext, hasPrevious, ...(params.get("page[total]") === "true" ? { total: all.length } : {}) } },
    links: {
      self: url.href,
      next: hasNext && last ? pageLink(url, "page[after]", keyOf(last)) : null,
      prev: hasPrevious && first ? pageLink(url, "page[before]", keyOf(first)) : null,
    },
  });
}

function keyOf(record: BelticSessionRecord): Cursor {
  return { created_at: record.timestamps.created_at ?? "", id: record.id };
}

/** Newest first; the id breaks ties so no session is skipped or repeated between pages. */
function compare(a: Cursor, b: Cursor): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** null = absent, undefined = malformed. */
function decodeCursor(value: string | null): Cursor | null | undefined {
  if (value === null || value === "") return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    const { created_at, id } = parsed as Partial<Cursor>;
    return typeof created_at === "string" && typeof id === "string" ? { created_at, id } : undefined;
  } catch {
    return undefined;
  }
}

function pageLink(current: URL, param: "page[after]" | "page[before]", cursor: Cursor): string {
  const link = new URL(current.href);
  link.searchParams.delete("page[after]");
  link.searchParams.delete("page[before]");
  link.searchParams.set(param, Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url"));
  return link.href;
}
