import Link from "next/link";
import { PROVIDER_LABELS } from "@/components/sessions/labels";
import { AGE_BUCKET_LABELS, AGE_BUCKETS, assigneeParam, hasQueueFilters, REVIEW_SLA_HOURS, riskParam, type QueueFilters } from "@/lib/review/queue-filters";
import { FilterSelect } from "@/components/ui/filter-select";
import { LIST_PROVIDERS } from "@/lib/sessions/list-href";

type Props = {
  filters: QueueFilters;
  /** Risk codes to offer: those on the listed cases (a provider's codes are open-ended). */
  riskCodes: string[];
  staff: { id: string; name: string }[];
};

/** A plain GET form: the filters live in the URL, so a filtered queue can be shared or bookmarked. */
export function QueueFiltersForm({ filters, riskCodes, staff }: Props) {
  const risk = riskParam(filters.risk);
  const codes = [...new Set([...riskCodes, ...(risk && risk !== "failed" ? [risk] : [])])].sort((a, b) => a.localeCompare(b));
  return (
    <form
      method="get"
      action="/queue"
      role="search"
      aria-label="Filter the queue"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <FilterSelect
        id="queue-provider"
        name="provider"
        label="Provider"
        value={filters.provider}
        options={LIST_PROVIDERS.map((p) => ({ value: p, label: PROVIDER_LABELS[p] }))}
      />
      <FilterSelect
        id="queue-risk"
        name="risk"
        label="Risk signal"
        value={risk}
        options={[{ value: "failed", label: "Any failed check" }, ...codes.map((code) => ({ value: code, label: code }))]}
      />
      <FilterSelect
        id="queue-age"
        name="age"
        label={`Age (target ${REVIEW_SLA_HOURS} h)`}
        value={filters.age}
        options={AGE_BUCKETS.map((bucket) => ({ value: bucket, label: AGE_BUCKET_LABELS[bucket] }))}
      />
      <FilterSelect
        id="queue-assignee"
        name="assignee"
        label="Held by"
        value={assigneeParam(filters.assignee)}
        options={[
          { value: "unassigned", label: "Nobody (unassigned)" },
          { value: "mine", label: "Me" },
          ...staff.map((user) => ({ value: user.id, label: user.name })),
        ]}
      />
      <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
        Apply filters
      </button>
      {hasQueueFilters(filters) ? (
        <Link href="/queue" className="text-sm text-slate-600 underline-offset-2 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
