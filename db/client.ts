import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DatabaseHandle = {
  db: Database;
  driver: "pglite" | "postgres";
  /**
   * LISTEN on a channel; NOTIFY from any transaction (any app instance on PostgreSQL) arrives
   * after its commit. `onReconnect` runs when the listener came back after losing its
   * connection: notifications sent in between are lost.
   */
  listen: (channel: string, onPayload: (payload: string) => void, onReconnect?: () => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

export type OpenOptions = {
  /** A postgres:// URL: use PostgreSQL (any wire-compatible server). */
  databaseUrl?: string;
  /** PGlite data directory, or "memory://" for a throwaway in-memory database. */
  pgliteDir?: string;
  /** A PGlite dump to start from (tests: skips the 2–3 s initdb). */
  loadDataDir?: Blob | File;
  migrationsFolder?: string;
};

const defaultMigrations = () => path.join(process.cwd(), "db", "migrations");

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrations();
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client losing its connection (server restart) must not crash the process.
    pool.on("error", (error) => console.error("[db] idle PostgreSQL client error:", error.message));
    // Nor may a checked-out one between two queries (pg-pool only watches idle clients): its
    // next query fails instead, and the pool drops it on release.
    pool.on("connect", (client) => client.on("error", () => undefined));
    const db = drizzlePg(pool, { schema, casing: "snake_case" });
    await migrateOnce(pool, migrationsFolder);
    return {
      db: db as unknown as Database,
      driver: "postgres",
      listen: (channel, cb, onReconnect) => listenPg(options.databaseUrl!, channel, cb, onReconnect),
      close: () => pool.end(),
    };
  }
  const dir = options.pgliteDir ?? path.join(process.cwd(), "data", "pglite");
  const inMemory = dir.startsWith("memory://");
  // The directory is configuration, not a build input: keep the bundler from tracing it.
  const location = inMemory ? dir : path.resolve(/* turbopackIgnore: true */ dir);
  let release = () => {};
  if (!inMemory) {
    fs.mkdirSync(path.dirname(location), { recursive: true });
    release = acquirePgliteLock(location);
  }
  try {
    const client = await PGlite.create(location, { loadDataDir: options.loadDataDir, extensions: { pg_trgm } });
    const db = drizzlePglite(client, { schema, casing: "snake_case" });
    await migratePglite(db, { migrationsFolder });
    const close = async () => {
      await client.close();
      release();
    };
    const listen = async (channel: string, cb: (payload: string) => void) => {
      const unlisten = await client.listen(channel, cb);
      return async () => unlisten();
    };
    return { db: db as unknown as Database, driver: "pglite", listen, close };
  } catch (error) {
    release();
    throw error;
  }
}

// Any constant: it only has to be the same for every instance that migrates this database.
const MIGRATION_LOCK = 7_321_000;

/**
 * Several instances starting together against one PostgreSQL would each apply the pending
 * migrations at once, and all but the first fail half-way ("relation already exists"). A
 * session-level advisory lock on one connection lets the first migrate while the others wait,
 * then find nothing left to do.
 */
async function migrateOnce(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migratePg(drizzlePg(client, { schema, casing: "snake_case" }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/**
 * A dedicated connection for LISTEN (a pooled one would be handed to other queries). If the
 * server restarts, it reconnects with a growing pause instead of giving up, then tells
 * `onReconnect` (what was notified in between is gone).
 */
async function listenPg(url: string, channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let reconnecting = false;
  let delay = 500;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (message) => message.channel === channel && onPayload(message.payload ?? ""));
    next.on("error", () => undefined);
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      void next.end().catch(() => undefined);
      throw error;
    }
    if (stopped) return void next.end().catch(() => undefined);
    // Only a live listener schedules a reconnect, and only one reconnect runs at a time.
    next.on("end", reconnect);
    client = next;
    delay = 500;
  };
  function reconnect() {
    if (stopped || reconnecting) return;
    reconnecting = true;
    const attempt = () => {
      if (stopped) return;
      connect().then(
        () => {
          reconnecting = false;
          if (!stopped) onReconnect?.();
        },
        () => {
          delay = Math.min(delay * 2, 30_000);
          setTimeout(attempt, delay).unref();
        },
      );
    };
    setTimeout(attempt, delay).unref();
  }
  await connect();
  return async () => {
    stopped = true;
    await client?.end();
  };
}
