/**
 * The fault suite's stack: the production build (NEXT_DIST_DIR=.next-faults) under
 * `next start` as a child process the tests can SIGKILL and start again, the provider sandbox
 * (as its own process, or in this process when a test writes the webhooks itself), and a
 * database of its own: PGlite in data/faults/<name>, or `verdict_faults_<name>` on the
 * PostgreSQL server named by DATABASE_URL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { createBelticAdapter } from "@/lib/providers/beltic";
import { createBynnAdapter } from "@/lib/providers/bynn";
import { createDiditAdapter } from "@/lib/providers/didit";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import type { ProviderAdapter } from "@/lib/providers/types";
import { sandboxEnv, verdictProviderEnv, type SandboxCredentials } from "@/scripts/sandbox-credentials";
import type { Sandbox } from "@/sandbox/app";
import { seedUsers, type StackUser } from "@/scripts/stack";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
// Overridable so that a second checkout (or a helper's copy) builds beside the main one.
export const FAULTS_DIST_DIR = process.env.FAULTS_DIST_DIR || ".next-faults";
export const DRIVER: "pglite" | "postgres" = process.env.DATABASE_URL ? "postgres" : "pglite";
export const AUTH_SECRET = "faults-only-auth-secret-0123456789abcdefghij";
export const REVIEWER: StackUser = { email: "faults.reviewer@example.test", name: "Fay Faults", role: "reviewer", password: "faults-reviewer-password-1" };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${inspect(lastError)})` : ""}`);
    await sleep(everyMs);
  }
}

/** One database per test file, created fresh. */
export type FaultDatabase = { pgliteDir: string; databaseUrl?: string; open: () => Promise<DatabaseHandle>; drop: () => Promise<void> };

export async function freshDatabase(name: string): Promise<FaultDatabase> {
  const dataDir = path.join(ROOT, "data", "faults", name);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const pgliteDir = path.join(dataDir, "pglite");
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    return { pgliteDir, open: () => openDatabase({ pgliteDir }), drop: async () => {} };
  }
  const database = `verdict_faults_${name.replace(/\W/g, "_")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${database} with (force)`);
  await admin(`create database ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  return { pgliteDir, databaseUrl, open: () => openDatabase({ databaseUrl }), drop: () => admin(`drop database if exists ${database} with (force)`) };
}

/** Opens the database for a look; with PGlite only while the server is stopped (one process at a time). */
export async function withDb<T>(db: FaultDatabase, use: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await db.open();
  try {
    return await use(handle);
  } finally {
    await handle.close();
  }
}

export async function seed(db: FaultDatabase, users: StackUser[] = [REVIEWER]): Promise<void> {
  await seedUsers({ pgliteDir: db.pgliteDir, databaseUrl: db.databaseUrl }, users);
}

/** A child process whose output goes to a log file and whose last lines are kept for failure messages. */
export type Child = { process: ChildProcess; output: () => string; exited: Promise<number | null> };

function spawnLogged(logFile: string, command: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const log = fs.createWriteStream(logFile, { flags: "a" });
  let tail = "";
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString("utf8")).slice(-200_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  void exited.then(() => log.end());
  return { process: child, output: () => tail, exited };
}

async function waitForHttp(url: string, child: Child, what: string, timeoutMs = 120_000): Promise<void> {
  await waitFor(
    what,
    async () => {
      if (child.process.exitCode !== null) throw new Error(`${what}: process exited with ${child.process.exitCode}\n${child.output().slice(-3000)}`);
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await response.body?.cancel();
      return response.status < 500;
    },
    timeoutMs,
  ).catch((error: unknown) => {
    if (child.process.exitCode !== null) throw error;
    throw new Error(`${(error as Error).message}\n${child.output().slice(-3000)}`);
  });
}

export type AppOptions = {
  name: string;
  port: number;
  sandboxUrl: string;
  credentials: SandboxCredentials;
  db: FaultDatabase;
  env?: Record<string, string>;
};

/** `next start` on the fault build; start() again after kill() is a restart on the same data. */
export function createApp(options: AppOptions) {
  const url = `http://127.0.0.1:${options.port}`;
  const logDir = path.join(ROOT, "data", "faults", options.name);
  let current: Child | null = null;
  let starts = 0;
  const env: Record<string, string> = {
    NODE_ENV: "production",
    NEXT_DIST_DIR: FAULTS_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET,
    PGLITE_DIR: options.db.pgliteDir,
    DATABASE_URL: options.db.databaseUrl ?? "",
    SYNC_ON_START: "false",
    SYNC_INTERVAL_SECONDS: "0",
    ...verdictProviderEnv(options.credentials, options.sandboxUrl),
    ...options.env,
  };
  return {
    url,
    get child() {
      return current;
    },
    /** Everything the server printed since it was (re)started. */
    output: () => current?.output() ?? "",
    async start(): Promise<Child> {
      starts += 1;
      const child = spawnLogged(
        path.join(logDir, `app-${starts}.log`),
        process.execPath,
        ["node_modules/next/dist/bin/next", "start", "-p", String(options.port), "-H", "127.0.0.1"],
        env,
      );
      current = child;
      await waitForHttp(`${url}/api/health`, child, `Verdict on ${url}`);
      return child;
    },
    async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
      const child = current;
      if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return;
      child.process.kill(signal);
      const stopped = await Promise.race([child.exited.then(() => true), sleep(20_000).then(() => false)]);
      if (!stopped) {
        child.process.kill("SIGKILL");
        await child.exited;
      }
    },
  };
}
export type App = ReturnType<typeof createApp>;

/** The sandbox as its own process (like `npm run demo`), delivering webhooks to the app. */
export async function startSandboxProcess(options: { name: string; port: number; appPort: number; credentials: SandboxCredentials; env?: Record<string, string> }) {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawnLogged(path.join(ROOT, "data", "faults", options.name, "sandbox.log"), path.join(ROOT, "node_modules/.bin/tsx"), ["sandbox/server.ts"], {
    SANDBOX_PORT: String(options.port),
    ...sandboxEnv(options.credentials, `http://127.0.0.1:${options.appPort}/api/webhooks`),
    ...options.env,
  });
  await waitForHttp(`${url}/health`, child, `the sandbox on ${url}`);
  const control = async <T = unknown>(route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_control/${route}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox control ${route}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const stop = async () => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return;
    child.process.kill("SIGTERM");
    await child.exited;
  };
  return { url, control, stop, output: child.output };
}

/** Provider adapters as Verdict builds them from its environment, for reading the providers' own state. */
export function providerAdapters(credentials: SandboxCredentials, sandboxUrl: string): Record<string, ProviderAdapter> {
  return {
    didit: createDiditAdapter({ apiKey: credentials.didit.apiKey, baseUrl: `${sandboxUrl}/didit`, webhookSecret: credentials.didit.webhookSecret }),
    beltic: createBelticAdapter({ apiKey: credentials.beltic.apiKey, baseUrl: `${sandboxUrl}/beltic`, webhookSecret: credentials.beltic.webhookSecret }),
    idenfy: createIdenfyAdapter({
      apiKey: credentials.idenfy.apiKey,
      apiSecret: credentials.idenfy.apiSecret,
      baseUrl: `${sandboxUrl}/idenfy`,
      webhookSecret: credentials.idenfy.webhookSecret,
    }),
    bynn: createBynnAdapter({ apiKey: credentials.bynn.apiKey, baseUrl: `${sandboxUrl}/bynn`, webhookPublicKey: credentials.bynn.webhookPublicKey }),
  };
}

/** Runs a package script the way a person would, returning its exit code and output. */
export function runScript(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

/** Starts an in-process sandbox on `port`; returns its base URL. */
export async function listenSandbox(sandbox: Sandbox, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    sandbox.server.once("error", reject);
    sandbox.server.listen(port, "127.0.0.1", resolve);
  });
  return `http://127.0.0.1:${port}`;
}

/** Stops an in-process sandbox, cutting the app's kept-alive connections. */
export async function closeSandbox(sandbox: Sandbox | undefined): Promise<void> {
  if (!sandbox?.server.listening) return;
  sandbox.server.closeAllConnections();
  await new Promise((resolve) => sandbox.server.close(resolve));
}
