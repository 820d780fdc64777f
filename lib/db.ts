import "server-only";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { ensureBuiltInRoles } from "./auth/roles";
import { getEnv } from "./env";

// One database per server process: PGlite must never be opened twice, and a Pool is
// meant to be shared. Kept on globalThis so dev-mode module reloads reuse it.
const holder = globalThis as unknown as { __verdictDb?: Promise<DatabaseHandle> };

async function open(): Promise<DatabaseHandle> {
  const env = getEnv();
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  await ensureBuiltInRoles(handle.db);
  return handle;
}

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  holder.__verdictDb ??= open().catch((error: unknown) => {
    holder.__verdictDb = undefined;
    throw error;
  });
  return holder.__verdictDb;
}

export async function getDb() {
  return (await getDatabaseHandle()).db;
}
