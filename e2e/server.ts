/**
 * Playwright's web server: a fresh database (PGlite in data/e2e, or a new PostgreSQL
 * database when DATABASE_URL is set), the e2e users, the sandbox and `next start`.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { generateSandboxCredentials } from "../scripts/sandbox-credentials";
import { buildIfNeeded, seedUsers, startStack } from "../scripts/stack";
import { E2E_AUTH_SECRET, E2E_CREDENTIALS_FILE, E2E_DATA_DIR, E2E_PG_DATABASE, E2E_PORT, E2E_SANDBOX_PORT, E2E_SPARE_USERS, E2E_USERS } from "./users";

async function freshPostgres(serverUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`drop database if exists "${E2E_PG_DATABASE}" with (force)`);
  await client.query(`create database "${E2E_PG_DATABASE}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${E2E_PG_DATABASE}`;
  return url.toString();
}

async function main() {
  const pgliteDir = path.resolve(E2E_DATA_DIR, "pglite");
  fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
  const databaseUrl = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL) : undefined;
  // Fresh secrets every run; the specs read them to prove none of them reaches a browser.
  const credentials = generateSandboxCredentials();
  fs.mkdirSync(path.dirname(E2E_CREDENTIALS_FILE), { recursive: true });
  fs.writeFileSync(E2E_CREDENTIALS_FILE, JSON.stringify(credentials));
  await buildIfNeeded();
  await seedUsers({ pgliteDir, databaseUrl }, [...Object.values(E2E_USERS), ...Object.values(E2E_SPARE_USERS)]);
  const stack = await startStack({
    port: E2E_PORT,
    sandboxPort: E2E_SANDBOX_PORT,
    authSecret: E2E_AUTH_SECRET,
    credentials,
    pgliteDir,
    databaseUrl,
    extraEnv: { SYNC_INTERVAL_SECONDS: "0" },
  });
  console.log(`e2e stack ready at ${stack.url} (${databaseUrl ? "PostgreSQL" : "PGlite"})`);
  const stop = () => void stack.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.exit(await stack.exited);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
