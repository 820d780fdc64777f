/**
 * Playwright's web server for the two-instance test (playwright.instances.config.ts): a fresh
 * PostgreSQL database, the e2e users, the sandbox, two Verdict instances on that one database,
 * and a load balancer in front of them on E2E_PORT. The sandbox delivers its webhooks through
 * the balancer, so they land on both instances.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { generateSandboxCredentials } from "../../scripts/sandbox-credentials";
import { buildIfNeeded, seedUsers, startStack } from "../../scripts/stack";
import { E2E_ACTIONS_ENCRYPTION_KEY, E2E_AUTH_SECRET, E2E_CREDENTIALS_FILE, E2E_DATA_DIR, E2E_PORT, E2E_SANDBOX_PORT, E2E_USERS } from "../users";
import { startBalancer } from "./balancer";
import { INSTANCE_PORTS, INSTANCES_DATABASE, SECOND_REVIEWER, SYNC_SECONDS, instancesDatabaseUrl } from "./setup";

async function freshDatabase(serverUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`drop database if exists "${INSTANCES_DATABASE}" with (force)`);
  await client.query(`create database "${INSTANCES_DATABASE}"`);
  await client.end();
  return instancesDatabaseUrl(serverUrl);
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("the two-instance test needs DATABASE_URL (PostgreSQL): the embedded database belongs to one process");
  const databaseUrl = await freshDatabase(serverUrl);
  const credentials = generateSandboxCredentials();
  fs.mkdirSync(path.dirname(E2E_CREDENTIALS_FILE), { recursive: true });
  fs.writeFileSync(E2E_CREDENTIALS_FILE, JSON.stringify(credentials));
  // Every instance of a deployment needs the same action key, at build time and at run time.
  process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ??= E2E_ACTIONS_ENCRYPTION_KEY;
  await buildIfNeeded();
  const pgliteDir = path.resolve(E2E_DATA_DIR, "pglite-unused");
  await seedUsers({ pgliteDir, databaseUrl }, [...Object.values(E2E_USERS), SECOND_REVIEWER]);
  const balancerUrl = `http://127.0.0.1:${E2E_PORT}`;
  const [first, ...more] = INSTANCE_PORTS;
  const stack = await startStack({
    port: first!,
    morePorts: more,
    webhookOrigin: balancerUrl,
    sandboxPort: E2E_SANDBOX_PORT,
    authSecret: E2E_AUTH_SECRET,
    credentials,
    pgliteDir,
    databaseUrl,
    // A short schedule, so that the test sees the sync job come due many times on both instances.
    extraEnv: {
      SYNC_INTERVAL_SECONDS: String(SYNC_SECONDS),
      SYNC_ON_START: "false",
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    },
  });
  const balancer = await startBalancer(
    E2E_PORT,
    INSTANCE_PORTS.map((port) => `http://127.0.0.1:${port}`),
  );
  console.log(`two-instance stack ready at ${balancer.url} → ${INSTANCE_PORTS.join(", ")} (PostgreSQL ${INSTANCES_DATABASE})`);
  const stop = () =>
    void balancer
      .close()
      .then(() => stack.stop())
      .then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.exit(await stack.exited);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
