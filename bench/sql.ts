/**
 * Raw SQL on the connection the app's drizzle instance uses ($client: the pg Pool or the PGlite
 * instance), and a recorder for the statements a drizzle call sends, so they can be replayed raw.
 */
import { performance } from "node:perf_hooks";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { DatabaseHandle } from "@/db/client";

export type SqlSession = {
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<{ rows: T[] }>;
  release: () => void;
};

type Client = { query: (...args: unknown[]) => Promise<{ rows: unknown[] }> };
const clientOf = (handle: DatabaseHandle) => (handle.db as unknown as { $client: Client }).$client;

/** One dedicated connection (session settings such as maintenance_work_mem stick to it). */
export async function sqlSession(handle: DatabaseHandle): Promise<SqlSession> {
  if (handle.driver === "pglite") {
    const client = clientOf(handle) as unknown as PGlite;
    return { query: async (text, params) => client.query(text, params), release: () => undefined };
  }
  const conn = await (clientOf(handle) as unknown as pg.Pool).connect();
  return { query: async <T>(text: string, params?: unknown[]) => ({ rows: (await conn.query(text, params)).rows as T[] }), release: () => conn.release() };
}

/** A statement and, to keep the app's concurrency, the one whose completion it waited for. */
export type Statement = { text: string; params: unknown[]; after: number | null };

/** Runs `fn` once and records every statement it sent through the driver. */
export async function recordStatements(handle: DatabaseHandle, fn: () => Promise<unknown>): Promise<Statement[]> {
  const client = clientOf(handle);
  const original = client.query;
  const calls: { text: string; params: unknown[]; start: number; end: number }[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const text = typeof first === "string" ? first : (first as { text: string }).text;
    const call = { text, params: (second as unknown[] | undefined) ?? [], start: performance.now(), end: Infinity };
    calls.push(call);
    return original.apply(this ?? client, args).finally(() => (call.end = performance.now()));
  };
  try {
    await fn();
  } finally {
    client.query = original;
  }
  return calls.map((call, index) => {
    // The latest statement to finish before this one started is what it waited for.
    let after: number | null = null;
    for (let j = 0; j < index; j++) if (calls[j]!.end <= call.start && (after === null || calls[j]!.end > calls[after]!.end)) after = j;
    return { text: call.text, params: call.params, after };
  });
}

/** Sends the recorded statements raw on the same client, each when the one it waited for is done. */
export function replayStatements(handle: DatabaseHandle, statements: Statement[]): Promise<unknown> {
  const client = clientOf(handle);
  const done: Promise<unknown>[] = [];
  for (const statement of statements) {
    const before = statement.after === null ? Promise.resolve() : done[statement.after]!;
    done.push(before.then(() => client.query(statement.text, statement.params)));
  }
  return Promise.all(done);
}
