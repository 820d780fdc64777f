import "server-only";
import type { Database, DatabaseHandle } from "@/db/client";
import { loadViewerRecord, viewerFromRecord, type Viewer } from "./load-viewer";
import { createViewerCache, type ViewerCache } from "./viewer-cache";
import { AUTH_CHANNEL, type ViewerChange } from "./viewer-change";

type Shared = { cache: ViewerCache; listening: Promise<unknown> | null; failedAt: number };

// After a failed LISTEN, requests read from the database and the next attempt waits this long,
// so a database that refuses listeners is not asked again on every request.
const RETRY_LISTEN_MS = 5_000;

// One cache per database handle (the app has one; tests open several), on globalThis so dev-mode
// module reloads reuse it.
const holder = globalThis as unknown as { __verdictViewerCaches?: WeakMap<Database, Shared> };
const caches = (holder.__verdictViewerCaches ??= new WeakMap());

function sharedFor(db: Database): Shared {
  let shared = caches.get(db);
  if (!shared) {
    shared = { cache: createViewerCache(), listening: null, failedAt: 0 };
    caches.set(db, shared);
  }
  return shared;
}

/** This process's viewer cache for `db`; it caches nothing until a listener made it live. */
export function viewerCacheFor(db: Database): ViewerCache {
  return sharedFor(db).cache;
}

/**
 * Feeds `cache` from the auth channel. Entries are cached only while the listener is up; after a
 * reconnect everything is forgotten, since what was notified meanwhile is lost.
 */
export async function listenForViewerChanges(cache: ViewerCache, listen: DatabaseHandle["listen"]): Promise<() => Promise<void>> {
  const unlisten = await listen(AUTH_CHANNEL, cache.receive, () => cache.setLive(true));
  cache.setLive(true);
  return async () => {
    cache.setLive(false);
    await unlisten();
  };
}

/** The process's cache for the app database, its listener started on first use (not awaited: until it is up, reads go to the database). */
export function processViewerCache(handle: DatabaseHandle): ViewerCache {
  const shared = sharedFor(handle.db);
  if (!shared.listening && Date.now() - shared.failedAt >= RETRY_LISTEN_MS) {
    shared.listening = listenForViewerChanges(shared.cache, handle.listen).catch((error: unknown) => {
      console.error("[auth] viewer cache listener failed; reading viewers from the database:", error instanceof Error ? error.message : error);
      shared.failedAt = Date.now();
      shared.listening = null;
    });
  }
  return shared.cache;
}

/** The viewer for a session token's claims, from `cache` when it holds the user. */
export async function loadCachedViewer(db: Database, cache: ViewerCache, userId: string, tokenVersion: number): Promise<Viewer | null> {
  return viewerFromRecord(await cache.get(userId, () => loadViewerRecord(db, userId)), tokenVersion);
}

/**
 * Forgets `change` in this process at once. Call it after the transaction that announced it
 * (announceViewerChange) committed, so this instance's next request already sees the change.
 */
export function forgetViewerChange(db: Database, change: ViewerChange): void {
  caches.get(db)?.cache.forget(change);
}
