/**
 * Starts the sandbox and the Verdict server as child processes and stops them together.
 * Shared by `npm run demo` and the Playwright web server (e2e/server.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { ensureBuiltInRoles } from "@/lib/auth/roles";
import { createUser } from "@/lib/users/create-user";
import { sandboxEnv, verdictProviderEnv, type SandboxCredentials } from "./sandbox-credentials";

export type StackUser = { email: string; name: string; role: string; password: string };

export type StackOptions = {
  port: number;
  sandboxPort: number;
  authSecret: string;
  credentials: SandboxCredentials;
  pgliteDir: string;
  databaseUrl?: string;
  extraEnv?: Record<string, string>;
  sandboxEnv?: Record<string, string>;
  /**
   * More app instances on the same database (PostgreSQL only), one per port, beside `port`.
   * The sandbox then sends its webhooks to `webhookOrigin` (a load balancer in front of them).
   */
  morePorts?: number[];
  webhookOrigin?: string;
};

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

/** Creates the users that do not exist yet. Runs before the server starts: PGlite allows one process. */
export async function seedUsers(opts: { pgliteDir: string; databaseUrl?: string }, wanted: StackUser[]) {
  const handle = await openDatabase({ databaseUrl: opts.databaseUrl, pgliteDir: opts.pgliteDir });
  try {
    await ensureBuiltInRoles(handle.db);
    const existing = new Set((await handle.db.select({ email: users.email }).from(users)).map((u) => u.email));
    for (const user of wanted.filter((u) => !existing.has(u.email))) {
      await createUser({ db: handle.db, actor: { id: null, label: "demo:seed" } }, user);
    }
  } finally {
    await handle.close();
  }
}

/** Newest modification time under the app's source folders, to decide whether to rebuild. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib", "db", "public"]) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  for (const file of ["next.config.ts", "proxy.ts", "instrumentation.ts", "package.json"]) newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
  return newest;
}

export async function buildIfNeeded(): Promise<void> {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > newestSource()) return;
  console.log("Building Verdict (next build)…");
  await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { NEXT_TELEMETRY_DISABLED: "1" });
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}`))));
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process for ${url} exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${url}`);
}

export type RunningStack = { url: string; stop: () => Promise<void>; exited: Promise<number> };

export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const sandboxUrl = `http://127.0.0.1:${opts.sandboxPort}`;
  const sandbox = spawn(bin("tsx"), ["sandbox/server.ts"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      SANDBOX_PORT: String(opts.sandboxPort),
      ...sandboxEnv(opts.credentials, `${opts.webhookOrigin ?? `http://127.0.0.1:${opts.port}`}/api/webhooks`),
      ...opts.sandboxEnv,
    },
  });
  await waitFor(`${sandboxUrl}/health`, sandbox);
  const appEnv: Record<string, string> = {
    AUTH_SECRET: opts.authSecret,
    NEXT_TELEMETRY_DISABLED: "1",
    // Verdict's own handler stops the server on SIGTERM/SIGINT (lib/server/shutdown.ts).
    NEXT_MANUAL_SIG_HANDLE: "true",
    PGLITE_DIR: opts.pgliteDir,
    DATABASE_URL: opts.databaseUrl ?? "",
    ...verdictProviderEnv(opts.credentials, sandboxUrl),
    ...opts.extraEnv,
  };
  const ports = [opts.port, ...(opts.morePorts ?? [])];
  if (ports.length > 1 && !opts.databaseUrl) throw new Error("several instances need PostgreSQL: the embedded database belongs to one process");
  const apps = ports.map((port) =>
    spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ...appEnv },
    }),
  );
  const children = [sandbox, ...apps];
  const exited = new Promise<number>((resolve) => {
    for (const child of children) child.on("exit", (code) => resolve(code ?? 1));
  });
  // The server finishes what is in flight within its grace period; past that (and a margin to
  // start and stop Node) it is killed, so Ctrl+C on the demo always returns.
  const graceMs = (Number(appEnv.SHUTDOWN_GRACE_SECONDS ?? process.env.SHUTDOWN_GRACE_SECONDS) || 10) * 1000;
  const stop = async () => {
    const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
    for (const child of running) child.kill("SIGTERM");
    const killer = setTimeout(() => running.forEach((child) => child.kill("SIGKILL")), graceMs + 5000);
    const alive = running.filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(alive.map((c) => new Promise((r) => c.once("exit", r))));
    clearTimeout(killer);
  };
  try {
    await Promise.all(apps.map((app, i) => waitFor(`http://127.0.0.1:${ports[i]}/api/health`, app)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${opts.port}`, stop, exited };
}
