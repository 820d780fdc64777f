/**
 * Verdict's production server (plus the sandbox) on the bench data, through scripts/stack.ts,
 * and a signed-in cookie obtained the way a browser gets one: Auth.js's credentials flow.
 */
import { randomBytes } from "node:crypto";
import { generateSandboxCredentials, type SandboxCredentials } from "@/scripts/sandbox-credentials";
import { startStack, type RunningStack } from "@/scripts/stack";
import { pidListeningOn, processCpuMs, processMemory, type Memory } from "./machine";

export type BenchServer = RunningStack & { pid: number; credentials: SandboxCredentials; memory: () => Memory | null; cpuMs: () => number };

export async function startBenchServer(opts: { port: number; sandboxPort: number; pgliteDir: string; databaseUrl?: string }): Promise<BenchServer> {
  const credentials = generateSandboxCredentials();
  const stack = await startStack({
    port: opts.port,
    sandboxPort: opts.sandboxPort,
    authSecret: randomBytes(32).toString("base64url"),
    credentials,
    pgliteDir: opts.pgliteDir,
    databaseUrl: opts.databaseUrl,
    // Steady data while measuring: no pulls from the sandbox.
    extraEnv: { SYNC_ON_START: "false", SYNC_INTERVAL_SECONDS: "0" },
    // …and no webhooks from the sandbox (its Bynn catch-up would land in the middle of a measurement).
    sandboxEnv: { SANDBOX_WEBHOOK_TARGET: "" },
  });
  const pid = pidListeningOn(opts.port);
  if (!pid) {
    await stack.stop();
    throw new Error(`nothing listens on port ${opts.port}`);
  }
  return { ...stack, pid, credentials, memory: () => processMemory(pid), cpuMs: () => processCpuMs(pid) };
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** Signs in with e-mail and password (GET /api/auth/csrf, POST /api/auth/callback/credentials); returns the Cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/sessions" }),
  });
  const session = cookiesOf(response).find((c) => /^(__Secure-)?authjs\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in failed for ${email}: ${response.status} ${response.headers.get("location")}`);
  const cookie = session;
  const check = await fetch(`${baseUrl}/sessions`, { headers: { cookie }, redirect: "manual" });
  if (check.status !== 200) throw new Error(`signed in, but /sessions answered ${check.status}`);
  await check.arrayBuffer();
  return cookie;
}
