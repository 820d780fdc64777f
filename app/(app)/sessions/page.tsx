import type { Metadata } from "next";
import { Suspense } from "react";
import { LiveRefresh } from "@/components/live/live-refresh";
import { ListNotes } from "@/components/sessions/list-notes";
import { ListPagination } from "@/components/sessions/list-pagination";
import { ListSkeleton } from "@/components/sessions/list-skeleton";
import { SessionFilters } from "@/components/sessions/session-filters";
import { SessionsTable } from "@/components/sessions/sessions-table";
import { StatusFilter } from "@/components/sessions/status-filter";
import { requirePermission, type Viewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { formatCount } from "@/lib/sessions/counts";
import { parseListQuery, type SearchParamsRecord } from "@/lib/sessions/list-query";
import { listSessions } from "@/lib/sessions/list-sessions";

export const metadata: Metadata = { title: "Sessions" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParamsRecord> };

/**
 * The shell (title, live refresh) goes out at once; the list streams in behind a skeleton. Later
 * navigations (filters, paging, live refreshes) are transitions: the old list stays until the new
 * one is ready, so the skeleton shows only on a first load.
 */
export default async function SessionsPage({ searchParams }: Props) {
  const viewer = await requirePermission("sessions:read");
  const params = await searchParams;
  return (
    <div className="space-y-5">
      <LiveRefresh />
      <h1 className="text-2xl font-semibold">Sessions</h1>
      <Suspense fallback={<ListSkeleton label="sessions" />}>
        <SessionsList viewer={viewer} params={params} />
      </Suspense>
    </div>
  );
}

async function SessionsList({ viewer, params }: { viewer: Viewer; params: SearchParamsRecord }) {
  const { query, notes } = parseListQuery(params);
  const list = await listSessions(await getDb(), viewer, query);
  const order = query.sort === "newest" ? "newest first" : "oldest first";
  return (
    <>
      <p className="-mt-4 text-sm text-slate-600" data-testid="sessions-summary">
        {formatCount(list.matching)} matching session{list.matching.n === 1 && !list.matching.atLeast ? "" : "s"} · {order} · {list.pageSize} per page
      </p>
      <ListNotes notes={notes} />
      <StatusFilter query={query} counts={list.counts} total={list.total} />
      <SessionFilters query={query} searchesPersonalData={list.searchesPersonalData} />
      <SessionsTable rows={list.items} now={Date.now()} />
      <ListPagination query={query} previous={list.previousCursor} next={list.nextCursor} />
    </>
  );
}
