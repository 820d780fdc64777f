import "server-only";
import type { ViewerRecord } from "./load-viewer";
import { parseViewerChange, type ViewerChange } from "./viewer-change";

/**
 * How stale a cached viewer may be on an instance whose change listener is down. While it is up,
 * other instances' changes arrive by NOTIFY within milliseconds of their commit and this instance's
 * own changes are forgotten right after commit; the TTL only bounds what a lost connection could
 * hide (notifications sent while it was down are gone, lib/auth/viewer-registry.ts).
 */
export const VIEWER_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { record: ViewerRecord | null; expiresAt: number };

export type ViewerCache = {
  /** The cached record for `userId`, else `load()`'s (kept only if nothing was forgotten meanwhile). */
  get: (userId: string, load: () => Promise<ViewerRecord | null>) => Promise<ViewerRecord | null>;
  forget: (change: ViewerChange) => void;
  /** A NOTIFY payload from the auth channel; a malformed one forgets everything (fail safe). */
  receive: (payload: string) => void;
  /**
   * Caching starts once the change listener is live. A lost connection is noticed only when it
   * comes back (db/client.ts reconnects, then everything is forgotten): until then the TTL alone
   * bounds what a change on another instance can take to apply here.
   */
  setLive: (live: boolean) => void;
  size: () => number;
};

export function createViewerCache(opts: { ttlMs?: number; now?: () => number } = {}): ViewerCache {
  const ttlMs = opts.ttlMs ?? VIEWER_CACHE_TTL_MS;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // Bumped by every forget: a load that read the database before a change committed must not
  // store its answer after the change was forgotten.
  let generation = 0;
  let live = false;

  const forget = (change: ViewerChange) => {
    generation += 1;
    if ("all" in change) entries.clear();
    else if ("userId" in change) entries.delete(change.userId);
    else for (const [id, entry] of entries) if (entry.record?.role === change.roleKey) entries.delete(id);
  };

  return {
    async get(userId, load) {
      const hit = entries.get(userId);
      if (hit && hit.expiresAt > now()) return hit.record;
      const seen = generation;
      const record = await load();
      if (live && seen === generation) {
        entries.delete(userId);
        // Map order is insertion order: past the bound, the oldest entry goes.
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(userId, { record, expiresAt: now() + ttlMs });
      }
      return record;
    },
    forget,
    receive(payload) {
      forget(parseViewerChange(payload) ?? { all: true });
    },
    setLive(next) {
      live = next;
      forget({ all: true });
    },
    size: () => entries.size,
  };
}
