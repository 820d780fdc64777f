import { sendJson } from "../http";
import type { SandboxRequest } from "../router";
import { listRowOf } from "./render";
import type { RenderContext } from "./render";
import { statusOf } from "./types";
import type { DiditSessionRecord, DiditState } from "./types";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

/** GET /v3/sessions/ — DRF limit/offset paging, newest first by session_number. */
export function listSessions(state: DiditState, request: SandboxRequest, ctx: RenderContext): void {
  const params = request.url.searchParams;
  const limit = Math.min(positiveInt(params.get("limit")) ?? DEFAULT_LIMIT, MAX_LIMIT);
  const offset = positiveInt(params.get("offset"), true) ?? 0;
  const matching = state.sessions.filter(filterFrom(params)).sort((a, b) => b.sessionNumber - a.sessionNumber);
  const count = matching.length;
  sendJson(request.res, 200, {
    count,
    next: offset + limit < count ? pageLink(request.url, limit, offset + limit) : null,
    previous: offset > 0 ? pageLink(request.url, limit, Math.max(0, offset - limit)) : null,
    results: matching.slice(offset, offset + limit).map((record) => listRowOf(record, ctx)),
  });
}

/** Didit's filters that make sense here: status (comma list, case-sensitive), session_kind, vendor_data. */
function filterFrom(params: URLSearchParams): (record: DiditSessionRecord) => boolean {
  const statuses = params
    .get("status")
    ?.split(",")
    .map((status) => status.trim())
    .filter(Boolean);
  const kind = params.get("session_kind") ?? "user";
  const vendorData = params.get("vendor_data");
  return (record) => {
    if (kind === "business") return false;
    if (statuses && statuses.length > 0 && !statuses.includes(statusOf(record))) return false;
    if (vendorData !== null && record.vendorData !== vendorData) return false;
    return true;
  };
}

function positiveInt(value: string | null, allowZero = false): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const parsed = Number(value);
  return parsed > 0 || (allowZero && parsed === 0) ? parsed : null;
}

/** Absolute, like DRF; the first page's link drops offset entirely. */
function pageLink(current: URL, limit: number, offset: number): string {
  const link = new URL(current.href);
  link.searchParams.set("limit", String(limit));
  if (offset === 0) link.searchParams.delete("offset");
  else link.searchParams.set("offset", String(offset));
  return link.href;
}
