import { sendJson, sendRedirect } from "../http";
import type { ProviderMount, SandboxRequest } from "../router";
import { deleteIdentification, requestInformation } from "./lifecycle";
import { serveMedia, fileUrls } from "./media";
import { dataResponse, listRow, statusResponse } from "./render";
import { checkBasicAuth, readJsonObject, safeDecode, sendError } from "./request";
import { findRecord } from "./types";
import type { IdenfyRecord, IdenfyState } from "./types";

const MEDIA_PATH = /^\/media\/([^/]+)\/([A-Z_]+)\.png$/;
const LIST_PATH = /^\/kyc\/identifications(\/?)$/;
const REQUEST_INFO_PATH = /^\/kyc\/identifications\/([^/]+)\/request-information(\/?)$/;
const BY_SCAN_REF = ["/api/v2/status", "/api/v2/data", "/api/v2/files", "/api/v2/delete"];
const DEFAULT_PER_PAGE = 10;
const MAX_PER_PAGE = 100;
const MAX_LIFETIME = 2_592_000;

export function createIdenfyMount(state: IdenfyState): ProviderMount {
  return { prefix: "/idenfy", handle: (request) => handle(state, request) };
}

async function handle(state: IdenfyState, request: SandboxRequest): Promise<void> {
  const { res, path, method, url } = request;
  state.publicBaseUrl = request.baseUrl;
  const media = MEDIA_PATH.exec(path);
  if (media) return serveMedia(state, request, safeDecode(media[1]), media[2] ?? "");

  const list = LIST_PATH.exec(path);
  const info = REQUEST_INFO_PATH.exec(path);
  if (!list && !info && !BY_SCAN_REF.includes(path)) return sendError(res, 404, "NOT_FOUND", "Not found.");
  // The /kyc/ API is Django REST framework: APPEND_SLASH answers before any view (and auth) runs.
  if ((list && list[1] !== "/") || (info && info[2] !== "/")) return sendRedirect(res, 301, `${url.pathname}/${url.search}`);

  const denied = checkBasicAuth(state, request.req);
  if (denied) return sendError(res, 401, "UNAUTHORIZED", denied, {}, { "www-authenticate": 'Basic realm="api"' });
  const wanted = list ? "GET" : "POST";
  if (method !== wanted) return sendError(res, 405, "METHOD_NOT_ALLOWED", `Method "${method}" not allowed.`);
  if (list) return listIdentifications(state, request);

  const body = await readJsonObject(request.req);
  if (!body.ok) return sendError(res, 400, "JSON_ERROR", body.message);
  if (info) return requestInfo(state, request, safeDecode(info[1]), body.value);
  const scanRef = body.value.scanRef;
  if (typeof scanRef !== "string" || scanRef === "") {
    return sendError(res, 400, "MISSING_VALUE", "Missing mandatory parameter: scanRef.");
  }
  const record = findRecord(state, scanRef);
  // UNCONFIRMED: how iDenfy answers an unknown scanRef (status code and text) is not documented.
  if (!record) return sendError(res, 404, "NOT_FOUND", "Identification not found.");
  answerByScanRef(state, request, path, record);
}

function answerByScanRef(state: IdenfyState, request: SandboxRequest, path: string, record: IdenfyRecord): void {
  const { res } = request;
  if (path === "/api/v2/status") return sendJson(res, 200, statusResponse(record));
  if (path === "/api/v2/data") return sendJson(res, 200, dataResponse(record));
  if (path === "/api/v2/files") return sendJson(res, 200, fileUrls(state, request.baseUrl, record));
  const refused = deleteIdentification(state, record);
  if (refused) return sendError(res, refused.status, refused.identifier, refused.message, { severity: "NOT_SEVERE" });
  // 200 with an empty body, as documented.
  res.writeHead(200, { "content-length": "0" });
  res.end();
}

function requestInfo(state: IdenfyState, request: SandboxRequest, scanRef: string, body: Record<string, unknown>): void {
  const { res } = request;
  const record = findRecord(state, scanRef);
  if (!record) return sendError(res, 404, "NOT_FOUND", "Identification not found.");
  const lifetime = body.lifetime ?? 86_400;
  if (typeof lifetime !== "number" || !Number.isInteger(lifetime) || lifetime < 0 || lifetime > MAX_LIFETIME) {
    return sendError(res, 400, "BAD_VALUE", `lifetime: Ensure this value is an integer between 0 and ${MAX_LIFETIME}.`);
  }
  const refused = requestInformation(state, record, lifetime);
  if (refused) return sendError(res, refused.status, refused.identifier, refused.message);
  const tokenString = state.prng.letters(40);
  sendJson(res, 200, { sessionUrl: `${request.baseUrl}/api/v2/redirect?authToken=${tokenString}`, tokenString });
}

/** GET /kyc/identifications/: DRF page-number paging, newest first; `clientId` filters. */
function listIdentifications(state: IdenfyState, request: SandboxRequest): void {
  const params = request.url.searchParams;
  const page = positiveInt(params.get("page")) ?? (params.has("page") ? 0 : 1);
  const perPage = Math.min(positiveInt(params.get("perPage")) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const clientId = params.get("clientId");
  const matching = state.records
    .filter((record) => clientId === null || record.clientId === clientId)
    .sort((a, b) => b.created.getTime() - a.created.getTime() || a.scanRef.localeCompare(b.scanRef));
  const pages = Math.max(1, Math.ceil(matching.length / perPage));
  if (page < 1 || page > pages) return sendError(request.res, 404, "NOT_FOUND", "Invalid page.");
  sendJson(request.res, 200, {
    count: matching.length,
    next: page < pages ? pageLink(request.url, page + 1) : null,
    previous: page > 1 ? pageLink(request.url, page - 1) : null,
    results: matching.slice((page - 1) * perPage, page * perPage).map(listRow),
  });
}

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d{1,9}$/.test(value)) return null;
  const parsed = Number(value);
  return parsed > 0 ? parsed : null;
}

/** Absolute, like DRF; the first page's link drops `page` entirely. */
function pageLink(current: URL, page: number): string {
  const link = new URL(current.href);
  if (page === 1) link.searchParams.delete("page");
  else link.searchParams.set("page", String(page));
  return link.href;
}
