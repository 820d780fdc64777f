/**
 * The two pages of the table as their database work: the statements `/sessions` (its
 * default view) and `/queue` send, recorded from the driver, timed one at a time against the app
 * call and raw under `connections` concurrent loops, which is the baseline for the page's HTTP p95.
 */
import type { DatabaseHandle } from "@/db/client";
import type { Viewer } from "@/lib/auth/load-viewer";
import { BUILT_IN_ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { listQueue } from "@/lib/review/queue";
import { parseQueueFilters } from "@/lib/review/queue-filters";
import { parseListQuery } from "@/lib/sessions/list-query";
import { listSessions } from "@/lib/sessions/list-sessions";
import { recordStatements, replayStatements } from "./sql";
import { compare, type Percentiles } from "./stats";
import { underLoad, type UnderLoad } from "./under-load";

export type PagePath = "/sessions" | "/queue";
export type PageQuery = { path: PagePath; label: string; statements: number; app: Percentiles; raw: Percentiles; rawUnderLoad: UnderLoad };

/** The bench admin as the pages see it (the same permissions; the viewer cache is the page's business). */
export const adminViewer = (id: string, email: string): Viewer => ({
  id,
  email,
  name: "Bench Admin",
  role: "admin",
  roleName: "Admin",
  permissions: BUILT_IN_ROLE_PERMISSIONS.admin,
});

export async function benchPageQueries(
  handle: DatabaseHandle,
  viewer: Viewer,
  opts: { runs: number; connections: number; duration: number },
  log: (line: string) => void,
): Promise<PageQuery[]> {
  // Exactly what the pages call for a URL without parameters.
  const pages: { path: PagePath; label: string; run: () => Promise<unknown> }[] = [
    { path: "/sessions", label: "listSessions, default view", run: () => listSessions(handle.db, viewer, parseListQuery({}).query) },
    { path: "/queue", label: "listQueue with its checks", run: () => listQueue({ db: handle.db, viewer }, { filters: parseQueueFilters({}).filters }) },
  ];
  const results: PageQuery[] = [];
  for (const page of pages) {
    const statements = await recordStatements(handle, page.run);
    const replay = () => replayStatements(handle, statements);
    const timing = await compare(page.run, replay, opts.runs);
    const rawUnderLoad = await underLoad(replay, opts.connections, opts.duration);
    results.push({ path: page.path, label: page.label, statements: statements.length, app: timing.a, raw: timing.b, rawUnderLoad });
    log(
      `  ${page.path} query (${statements.length} statements): raw p95 ${timing.b.p95.toFixed(1)} ms alone, ${rawUnderLoad.p95.toFixed(1)} ms at ${opts.connections} in flight (${rawUnderLoad.perSecond.toFixed(0)}/s)`,
    );
  }
  return results;
}
