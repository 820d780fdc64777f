/**
 * What a browser does, over plain HTTP: sign in through Auth.js and call server actions the way
 * Next's client does (POST to the page with the action's id), reading the action's result.
 */
import fs from "node:fs";
import path from "node:path";
import type { ActionResult } from "@/lib/actions/result";
import { FAULTS_DIST_DIR, ROOT } from "./stack";

/** Cookies from Set-Cookie headers, as one Cookie header value. */
function cookiesOf(response: Response, jar: Map<string, string>): Map<string, string> {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
  }
  return jar;
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in with e-mail and password (Auth.js credentials callback) and returns the Cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  cookiesOf(csrfResponse, jar);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/sessions" }),
  });
  await response.body?.cancel();
  cookiesOf(response, jar);
  if (![...jar.keys()].some((name) => name.endsWith("authjs.session-token"))) throw new Error(`sign-in as ${email} failed (HTTP ${response.status})`);
  return cookieHeader(jar);
}

/** The id Next gave a server action in this build (server-reference-manifest.json). */
export function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, FAULTS_DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${file} in the ${FAULTS_DIST_DIR} build`);
  return found[0];
}

/**
 * Calls a server action as the page at `pagePath` would. The answer is React's flight format:
 * one line per chunk, the action's return value in chunk 1.
 */
export async function callAction<T>(
  baseUrl: string,
  cookie: string,
  pagePath: string,
  action: { file: string; name: string },
  input: unknown,
  signal?: AbortSignal,
): Promise<ActionResult<T>> {
  const response = await fetch(`${baseUrl}${pagePath}`, {
    method: "POST",
    signal,
    headers: {
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      "next-action": actionId(action.file, action.name),
      origin: baseUrl,
      cookie,
    },
    body: JSON.stringify([input]),
  });
  const text = await response.text();
  const line = text.split("\n").find((l) => l.startsWith("1:"));
  if (!response.ok || !line) throw new Error(`server action ${action.name}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(line.slice(2)) as ActionResult<T>;
}

export const SESSION_ACTIONS = "app/(app)/sessions/[id]/actions.ts";
export const decideAction = { file: SESSION_ACTIONS, name: "decideAction" };
export const claimAction = { file: SESSION_ACTIONS, name: "claimAction" };

export type LiveFrame = { event: string; id: string | null; data: string; at: number };

/**
 * GET /api/events as EventSource reads it: frames as they arrive, and when the stream ends or
 * breaks, a reconnect after a pause with the last id seen (Last-Event-ID).
 */
export function listenLive(baseUrl: string, cookie: string) {
  const frames: LiveFrame[] = [];
  const controller = new AbortController();
  let lastId: string | null = null;
  let connections = 0;
  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(`${baseUrl}/api/events`, {
          headers: { cookie, accept: "text/event-stream", ...(lastId ? { "last-event-id": lastId } : {}) },
          signal: controller.signal,
        });
        if (response.ok && response.body) {
          connections += 1;
          const decoder = new TextDecoder();
          let buffer = "";
          const reader = response.body.getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            let end: number;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const field = (name: string) =>
                block
                  .split("\n")
                  .find((l) => l.startsWith(`${name}:`))
                  ?.slice(name.length + 1)
                  .trim() ?? null;
              const event = field("event");
              if (!event) continue;
              const id = field("id");
              if (id) lastId = id;
              frames.push({ event, id, data: field("data") ?? "", at: Date.now() });
            }
          }
        } else {
          await response.body?.cancel();
        }
      } catch {
        // Aborted, or the connection broke: reconnect like EventSource.
      }
      if (!controller.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  const done = run();
  return {
    frames,
    connections: () => connections,
    close: async () => {
      controller.abort();
      await done;
    },
  };
}
