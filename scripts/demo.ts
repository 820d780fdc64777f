/**
 * `npm run demo`: Verdict with the sandbox providers on the embedded database.
 * Builds if the sources changed, creates one demo user per role on first run, starts the
 * sandbox and the server, and prints the URL and the sign-ins. Data stays in ./data.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { generateSandboxCredentials, type SandboxCredentials } from "./sandbox-credentials";
import { buildIfNeeded, seedUsers, startStack, type StackUser } from "./stack";

type DemoSecrets = { authSecret: string; credentials: SandboxCredentials; passwords: Record<string, string> };

const ROLES = ["admin", "lead", "reviewer", "auditor"] as const;
const dataDir = path.resolve(process.env.VERDICT_DATA_DIR ?? "data");
const port = Number(process.env.PORT ?? 3000);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);

/** Random secrets and passwords made once per data folder (no defaults anyone could guess). */
function loadSecrets(): DemoSecrets {
  const file = path.join(dataDir, "demo-secrets.json");
  if (fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<DemoSecrets>;
    // Data folders from before all four providers existed lack credentials: add them.
    if (saved.credentials && saved.authSecret && saved.passwords) return saved as DemoSecrets;
    const upgraded = { ...saved, credentials: generateSandboxCredentials() } as DemoSecrets;
    fs.writeFileSync(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  const word = () => randomBytes(9).toString("base64url");
  const secrets: DemoSecrets = {
    authSecret: randomBytes(32).toString("base64"),
    credentials: generateSandboxCredentials(),
    passwords: Object.fromEntries(ROLES.map((role) => [role, `${role}-${word()}`])),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function main() {
  const secrets = loadSecrets();
  const pgliteDir = path.join(dataDir, "pglite");
  const demoUsers: StackUser[] = ROLES.map((role) => ({
    email: `${role}@verdict.test`,
    name: `Demo ${role[0]!.toUpperCase()}${role.slice(1)}`,
    role,
    password: secrets.passwords[role]!,
  }));
  await buildIfNeeded();
  await seedUsers({ pgliteDir }, demoUsers);
  const stack = await startStack({
    port,
    sandboxPort,
    authSecret: secrets.authSecret,
    credentials: secrets.credentials,
    pgliteDir,
    sandboxEnv: { SANDBOX_DEMO: "1" },
    extraEnv: { SYNC_INTERVAL_SECONDS: "20" },
  });
  console.log(`\nVerdict is running at ${stack.url}  (sandbox providers at http://127.0.0.1:${sandboxPort})\n`);
  console.log("Demo sign-ins:");
  for (const user of demoUsers) console.log(`  ${user.role.padEnd(9)} ${user.email.padEnd(22)} ${user.password}`);
  console.log("\nPress Ctrl+C to stop. Data is kept in", path.relative(process.cwd(), dataDir) || ".");
  let stopping = false;
  // Ctrl+C reaches the server and the sandbox too (one process group); each stops on its own
  // (lib/server/shutdown.ts), and stack.stop() bounds the wait.
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping Verdict and the sandbox…");
    void stack.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  const code = await stack.exited;
  if (stopping) return; // a child that stops because we asked it to is no surprise
  await stack.stop();
  console.error(`A demo process stopped unexpectedly (exit ${code}).`);
  process.exit(code || 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof DatabaseLockedError ? `Error: ${error.message}` : error);
  process.exit(1);
});
