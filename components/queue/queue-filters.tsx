import Link from "next/link";
import { PROVIDER_LABELS } from "@/components/sessions/labels";
import { AGE_BUCKET_LABELS, AGE_BUCKETS, assigneeParam, hasQueueFilters, REVIEW_SLA_HOURS, riskParam, type QueueFilters } from "@/lib/review/queue-filters";
import { LIST_PROVIDERS } from "@/lib/sessions/list-href";

type Option = { value: string; label: string };
type Props = {
  filters: QueueFilters;
  /** Risk codes to offer: those on the listed cases (a provider's codes are open-ended). */
  riskCodes: string[];
  staff: { id: string; name: string }[];
};

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

function Select({ name, label, value, options }: { name: string; label: string; value: string | null; options: Option[] }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`queue-${name}`} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={`queue-${name}`} name={name} defaultValue={value ?? ""} className={field}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A plain GET form: the filters live in the URL, so a filtered queue can be shared or bookmarked. */
export function QueueFiltersForm({ filters, riskCodes, staff }: Props) {
  const risk = riskParam(filters.risk);
  const codes = [...new Set([...riskCodes, ...(risk && risk !== "failed" ? [risk] : [])])].sort((a, b) => a.localeCompare(b));
  return (
    <form method="get" action="/queue" role="search" aria-label="Filter the queue" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <Select name="provider" label="Provider" value={filters.provider} options={LIST_PROVIDERS.map((p) => ({ value: p, label: PROVIDER_LABELS[p] }))} />
      <Select name="risk" label="Risk signal" value={risk} options={[{ value: "failed", label: "Any failed check" }, ...codes.map((code) => ({ value: code, label: code }))]} />
      <Select name="age" label={`Age (target ${REVIEW_SLA_HOURS} h)`} value={filters.age} options={AGE_BUCKETS.map((bucket) => ({ value: bucket, label: AGE_BUCKET_LABELS[bucket] }))} />
      <Select
        name="assignee"
        label="Held by"
        value={assigneeParam(filters.assignee)}
        options={[{ value: "unassigned", label: "Nobody (unassigned)" }, { value: "mine", label: "Me" }, ...staff.map((user) => ({ value: user.id, label: user.name }))]}
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
