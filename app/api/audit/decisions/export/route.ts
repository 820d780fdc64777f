import { withPermission } from "@/lib/auth/route-guard";
import { parseDecisionFilters } from "@/lib/audit/decision-filters";
import { exportDecisionHistory } from "@/lib/audit/export";
import { searchParamsRecord } from "@/lib/audit/filter-params";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The decision history for the filters in the query string, as a streamed CSV download. */
export const GET = withPermission("audit:export", async (viewer, request: Request) => {
  const { filters, notes } = parseDecisionFilters(searchParamsRecord(new URL(request.url).searchParams));
  // An export must be exactly what was asked for: a filter we cannot use is an error, not dropped.
  if (notes.length) return Response.json({ error: "The export filters are not valid.", notes }, { status: 400 });
  try {
    const { body, filename, rows } = await exportDecisionHistory(await getDb(), viewer, filters);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        // Personal data for some viewers: never stored by the browser or anything in between.
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "x-export-rows": String(rows),
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") return Response.json({ error: error.message }, { status: 403 });
    throw error;
  }
});
