/**
 * Server actions over plain HTTP, the way an attacker calls them: no UI and no client-side
 * checks. A fetch action is a POST to a page with `Next-Action: <id>` and the argument array
 * encoded as React's encodeReply does (react-server-dom's ReactFlightReplyClient): JSON as
 * text/plain, or, when an argument is a FormData, multipart whose FormData fields are named
 * `_<ref>_<field>` and whose root row `0` (`[previous, "$K1"]`) comes last. The server
 * (decodeReplyFromBusboy) resolves `$K1` as soon as row 0 arrives, from the fields seen so far:
 * sent first, or with another prefix, the action gets an empty FormData. The answer is an RSC
 * payload whose row 0 names the row that holds the action's return value.
 */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { E2E_PORT, NEXT_DIST_DIR } from "./users";

export const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;

type ManifestEntry = { filename: string; exportedName: string };

/** `<module path>#<export name>` → action id, from the production build's server reference manifest. */
export function serverActionIds(): Map<string, string> {
  const file = path.join(NEXT_DIST_DIR, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  return new Map(Object.entries(manifest.node).map(([id, entry]) => [`${entry.filename}#${entry.exportedName}`, id]));
}

/** JSON-encodable arguments, or one FormData argument after a previous state (useActionState). */
export type ActionArgs = unknown[] | { previous: unknown; form: Record<string, string> };

/** `location`: an HTTP redirect (the proxy's); `redirectedTo`: a redirect() inside the action. */
export type ActionResponse = { status: number; location: string | null; redirectedTo: string | null; result: unknown };

export async function postAction(request: APIRequestContext, call: { page: string; id: string; args: ActionArgs; origin?: string }): Promise<ActionResponse> {
  const sent = { "next-action": call.id, accept: "text/x-component", origin: call.origin ?? ORIGIN };
  const body = Array.isArray(call.args)
    ? { headers: { ...sent, "content-type": "text/plain;charset=UTF-8" }, data: JSON.stringify(call.args) }
    : { headers: sent, multipart: formReply(call.args) };
  const response = await request.post(call.page, { ...body, maxRedirects: 0 });
  const headers = response.headers();
  return {
    status: response.status(),
    location: headers["location"] ?? null,
    redirectedTo: headers["x-action-redirect"]?.split(";")[0] ?? null,
    result: actionResult(await response.text()),
  };
}

/**
 * `[previous, form]` as multipart, in React's order. A FormData (not an object) keeps that order:
 * an object would put the integer-like key "0" first, whatever order it was written in.
 */
export function formReply(args: { previous: unknown; form: Record<string, string> }): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(args.form)) data.append(`_1_${key}`, value);
  data.append("0", JSON.stringify([args.previous, "$K1"]));
  return data;
}

/** The return value in an RSC action payload: row 0 is `{"a":"$@<row>",…}` and that row holds it. */
export function actionResult(payload: string): unknown {
  const rows = new Map<string, string>();
  for (const line of payload.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  const root = rows.get("0");
  if (!root?.startsWith("{")) return undefined;
  const value = (JSON.parse(root) as { a?: unknown }).a;
  if (typeof value !== "string" || !value.startsWith("$@")) return value;
  const row = rows.get(value.slice(2));
  return row && /^[[{"]|^(true|false|null|-?\d)/.test(row) ? JSON.parse(row) : row;
}

export type ActionOutcome = { ok: boolean; code?: string };

/** An ActionResult's error in full: its code, message and the fields that failed validation. */
export type ActionError = { code: string; message: string; fields?: Record<string, string[]> };

export function errorOf(result: unknown): ActionError | undefined {
  if (typeof result !== "object" || result === null || !("ok" in result) || (result as { ok: boolean }).ok) return undefined;
  return (result as { error?: ActionError }).error;
}

/** `{ ok, error: { code } }` from an ActionResult, or undefined when the answer is not one. */
export function outcomeOf(result: unknown): ActionOutcome | undefined {
  if (typeof result !== "object" || result === null || !("ok" in result)) return undefined;
  const { ok, error } = result as { ok: boolean; error?: { code?: string } };
  return ok ? { ok } : { ok, code: String(error?.code) };
}
