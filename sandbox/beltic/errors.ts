import type { ServerResponse } from "node:http";
import { sendJson } from "../http";
import type { JsonObject } from "../json";

/** UNCONFIRMED (Beltic publishes no error format): JSON:API `errors[] {status, code, title, detail}`. */
const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Payload Too Large",
  422: "Unprocessable Entity",
};

export const JSON_API = { "content-type": "application/vnd.api+json" };

export function sendError(res: ServerResponse, status: number, code: string, detail: string): void {
  sendJson(res, status, { errors: [{ status: String(status), code, title: TITLES[status] ?? "Error", detail }] }, JSON_API);
}

export function sendDocument(res: ServerResponse, body: JsonObject, status = 200): void {
  sendJson(res, status, body, JSON_API);
}
