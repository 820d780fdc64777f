import Link from "next/link";
import { PROVIDER_LABELS } from "@/components/sessions/labels";
import { DECISION_ACTIONS, DECISION_STATES, decisionExportHref, type DecisionHistoryFilters } from "@/lib/audit/decision-filters";
import type { StaffOptionDTO } from "@/lib/audit/decision-types";
import { MAX_FILTER_TEXT } from "@/lib/audit/filter-params";
import { FilterSelect } from "@/components/ui/filter-select";
import { LIST_PROVIDERS } from "@/lib/sessions/list-query";
import { buttonClass, fieldClass, labelClass, secondaryButtonClass } from "./format";

type Props = { filters: DecisionHistoryFilters; staff: StaffOptionDTO[]; canExport: boolean };

const ACTION_LABELS: Record<(typeof DECISION_ACTIONS)[number], string> = { approve: "Approve", decline: "Decline", resubmit: "Request resubmission" };

/** A plain GET form (filters in the URL); the export link carries the filters that are applied. */
export function DecisionFiltersForm({ filters, staff, canExport }: Props) {
  return (
    <form
      method="get"
      action="/audit/decisions"
      role="search"
      aria-label="Filter the decision history"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 print:hidden"
    >
      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect id="decisions-actor" name="actor" label="Reviewer" value={filters.actor} options={staff.map((s) => ({ value: s.id, label: s.label }))} />
        <FilterSelect
          id="decisions-action"
          name="action"
          label="Action"
          value={filters.action}
          options={DECISION_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] }))}
        />
        <FilterSelect
          id="decisions-provider"
          name="provider"
          label="Provider"
          value={filters.provider}
          options={LIST_PROVIDERS.map((p) => ({ value: p, label: PROVIDER_LABELS[p] }))}
        />
        <FilterSelect id="decisions-state" name="state" label="State" value={filters.state} options={DECISION_STATES.map((s) => ({ value: s, label: s }))} />
        <div className="flex min-w-56 flex-1 flex-col gap-1">
          <label htmlFor="decisions-session" className={labelClass}>
            Session
          </label>
          <input
            id="decisions-session"
            name="session"
            type="search"
            defaultValue={filters.session ?? ""}
            maxLength={MAX_FILTER_TEXT}
            placeholder="Verdict or provider session ID"
            className={fieldClass}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="decisions-from" className={labelClass}>
            Decided from (UTC)
          </label>
          <input id="decisions-from" name="from" type="date" defaultValue={filters.from ?? ""} className={fieldClass} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="decisions-to" className={labelClass}>
            Decided to (UTC)
          </label>
          <input id="decisions-to" name="to" type="date" defaultValue={filters.to ?? ""} className={fieldClass} />
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <Link href="/audit/decisions" className="text-sm text-slate-600 underline-offset-2 hover:underline">
          Clear filters
        </Link>
        <button type="submit" className={buttonClass}>
          Apply
        </button>
        {canExport ? (
          // A plain download link: the route streams the CSV and audits the export.
          <a href={decisionExportHref(filters)} download className={secondaryButtonClass} data-testid="export-csv">
            Export CSV
          </a>
        ) : null}
      </div>
    </form>
  );
}
