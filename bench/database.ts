/**
 * The bench's own databases: a fresh PostgreSQL database (created and dropped here) or a fresh
 * PGlite directory under data/bench/, both migrated by the app's own openDatabase.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { ensureBuiltInRoles } from "@/lib/auth/roles";

export type BenchDatabase = {
  driver: "postgres" | "pglite";
  /** For the server: DATABASE_URL, or the PGlite directory. */
  databaseUrl?: string;
  pgliteDir: string;
  open: () => Promise<DatabaseHandle>;
  drop: () => Promise<void>;
};

async function admin(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}": use lower-case letters, digits and _`);
  return `"${name}"`;
};

export async function freshPostgres(serverUrl: string, name: string): Promise<BenchDatabase> {
  await admin(serverUrl, `drop database if exists ${ident(name)} with (force)`);
  await admin(serverUrl, `create database ${ident(name)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    driver: "postgres",
    databaseUrl,
    pgliteDir: path.resolve("data/bench/unused-pglite"),
    open: () => withRoles(openDatabase({ databaseUrl })),
    drop: () => admin(serverUrl, `drop database if exists ${ident(name)} with (force)`),
  };
}

export function freshPglite(dir: string): BenchDatabase {
  const pgliteDir = path.resolve(dir);
  const remove = () => {
    // A server from an earlier run may still hold the directory (db/pglite-lock.ts): leave it alone then.
    const holder = fs.existsSync(`${pgliteDir}.lock`) ? (JSON.parse(fs.readFileSync(`${pgliteDir}.lock`, "utf8")) as { pid: number }).pid : null;
    if (holder && holder !== process.pid && isAlive(holder)) throw new Error(`${pgliteDir} is held by process ${holder}; stop it first`);
    fs.rmSync(pgliteDir, { recursive: true, force: true });
  };
  remove();
  return { driver: "pglite", pgliteDir, open: () => withRoles(openDatabase({ pgliteDir })), drop: async () => remove() };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withRoles(opening: Promise<DatabaseHandle>): Promise<DatabaseHandle> {
  const handle = await opening;
  await ensureBuiltInRoles(handle.db);
  return handle;
}
