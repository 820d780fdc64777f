import type { Metadata } from "next";
import { LiveRefresh } from "@/components/live/live-refresh";
import { ListNotes } from "@/components/sessions/list-notes";
import { ListPagination } from "@/components/sessions/list-pagination";
import { SessionFilters } from "@/components/sessions/session-filters";
import { SessionsTable } from "@/components/sessions/sessions-table";
import { StatusFilter } from "@/components/sessions/status-filter";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { parseListQuery, type SearchParamsRecord } from "@/lib/sessions/list-query";
import { listSessions } from "@/lib/sessions/list-sessions";

export const metadata: Metadata = { title: "Sessions" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParamsRecord> };

export default async function SessionsPage({ searchParams }: Props) {
  const viewer = await requirePermission("sessions:read");
  const { query, notes } = parseListQuery(await searchParams);
  const list = await listSessions(await getDb(), viewer, query);
  const order = query.sort === "newest" ? "newest first" : "oldest first";
  return (
    <div className="space-y-5">
      <LiveRefresh />
      <div>
        <h1 className="text-2xl font-semibold">Sessions</h1>
        <p className="text-sm text-slate-600" data-testid="sessions-summary">
          {list.matching} matching session{list.matching === 1 ? "" : "s"} · {order} · {list.pageSize} per page
        </p>
      </div>
      <ListNotes notes={notes} />
      <StatusFilter query={query} counts={list.counts} total={list.total} />
      <SessionFilters query={query} searchesPersonalData={list.searchesPersonalData} />
      <SessionsTable rows={list.items} now={Date.now()} />
      <ListPagination query={query} previous={list.previousCursor} next={list.nextCursor} />
    </div>
  );
}
