import type { ServerResponse } from "node:http";
import { sendJson } from "../http";
import type { SandboxRequest } from "../router";
import { readJsonObject } from "./body";
import { addReview, nodeIdsOf } from "./reviews";
import { findSession, statusOf } from "./types";
import type { DiditSessionRecord, DiditState, DiditStatus } from "./types";
import { statusWebhook } from "./webhooks";

/** Only a session someone could have looked at can be decided on (Didit's precondition list). */
const UPDATABLE: ReadonlySet<DiditStatus> = new Set(["Approved", "Declined", "In Review", "Kyc Expired", "Abandoned", "Resubmitted"]);
const CHOICES: Record<"v1" | "v3", readonly DiditStatus[]> = {
  v1: ["Approved", "Declined"],
  v3: ["Approved", "Declined", "Resubmitted"],
};
/** Didit documents a 429 for resubmits repeated within 30 s; per session is our reading (UNCONFIRMED). */
const RESUBMIT_THROTTLE_MS = 30_000;
/** Didit records who decided; for an API key call there is no person, so the key stands in. */
const API_REVIEWER = "api";

type Update = { newStatus: DiditStatus; comment: string | null; nodes: string[] | null };

/** PATCH /v3|v1/session/{id}/update-status/ — a reviewer's decision sent through the API. */
export async function updateStatus(state: DiditState, request: SandboxRequest, sessionId: string, version: "v1" | "v3"): Promise<void> {
  const { res } = request;
  const body = await readJsonObject(request.req);
  if (!body.ok) return sendJson(res, 400, { detail: body.detail });
  const update = validate(body.value, version, res);
  if (!update) return;
  const record = findSession(state, sessionId);
  if (!record) return sendJson(res, 404, { detail: "Not found." });
  if (update.newStatus === "Resubmitted" && throttled(record, res)) return;

  const current = statusOf(record);
  // Only the same-status text is Didit's own; this one's wording is UNCONFIRMED.
  if (!UPDATABLE.has(current)) {
    const allowed = [...UPDATABLE].join(", ");
    return sendJson(res, 400, { detail: `Cannot update the status of a session in status "${current}". Allowed current statuses: ${allowed}.` });
  }
  if (current === update.newStatus) return sendJson(res, 400, { detail: "The new status is the same as the current status." });
  const unknownNode = update.nodes?.find((node) => !nodeIdsOf(record).includes(node));
  if (unknownNode !== undefined) return sendJson(res, 400, { nodes_to_resubmit: [`Unknown node_id "${unknownNode}".`] });

  addReview(record, API_REVIEWER, update.newStatus, update.comment, update.nodes);
  if (update.newStatus === "Resubmitted") record.lastResubmitAt = Date.now();
  state.emit([statusWebhook(state, record, current)]);
  sendJson(res, 200, { session_id: record.sessionId });
}

/** DRF-style field errors: `{"field": ["message"]}`. */
function validate(body: Record<string, unknown>, version: "v1" | "v3", res: ServerResponse): Update | null {
  const choices = CHOICES[version];
  const newStatus = body.new_status;
  if (newStatus === undefined || newStatus === null) {
    sendJson(res, 400, { new_status: ["This field is required."] });
    return null;
  }
  if (typeof newStatus !== "string" || !(choices as readonly string[]).includes(newStatus)) {
    sendJson(res, 400, { new_status: [`"${String(newStatus)}" is not a valid choice.`] });
    return null;
  }
  if (body.comment !== undefined && body.comment !== null && typeof body.comment !== "string") {
    sendJson(res, 400, { comment: ["Not a valid string."] });
    return null;
  }
  const nodes = nodesOf(body.nodes_to_resubmit, newStatus);
  if (nodes === "invalid") {
    sendJson(res, 400, { nodes_to_resubmit: ["Expected a list of {node_id, feature} items, only with Resubmitted."] });
    return null;
  }
  return { newStatus: newStatus as DiditStatus, comment: typeof body.comment === "string" ? body.comment : null, nodes };
}

function nodesOf(value: unknown, newStatus: string): string[] | null | "invalid" {
  if (value === undefined || value === null) return null;
  if (newStatus !== "Resubmitted" || !Array.isArray(value)) return "invalid";
  const ids = value.map((item: unknown) =>
    item !== null && typeof item === "object" && typeof (item as { node_id?: unknown }).node_id === "string" ? (item as { node_id: string }).node_id : null,
  );
  return ids.every((id): id is string => id !== null) ? ids : "invalid";
}

function throttled(record: DiditSessionRecord, res: ServerResponse): boolean {
  if (record.lastResubmitAt === null) return false;
  const waitMs = record.lastResubmitAt + RESUBMIT_THROTTLE_MS - Date.now();
  if (waitMs <= 0) return false;
  const seconds = Math.ceil(waitMs / 1000);
  sendJson(res, 429, { detail: `Request was throttled. Expected available in ${seconds} seconds.` }, { "retry-after": String(seconds) });
  return true;
}
