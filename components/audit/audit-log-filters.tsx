import Link from "next/link";
import { MAX_FILTER_TEXT } from "@/lib/audit/filter-params";
import { KNOWN_AUDIT_ACTIONS, type AuditLogFilters } from "@/lib/audit/log-filters";
import { buttonClass, fieldClass, labelClass } from "./format";

/** A plain GET form: the filters live in the URL, and it works before any script has loaded. */
export function AuditLogFiltersForm({ filters }: { filters: AuditLogFilters }) {
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 print:hidden"
    >
      <div className="flex min-w-48 flex-1 flex-col gap-1">
        <label htmlFor="audit-actor" className={labelClass}>
          Actor
        </label>
        <input
          id="audit-actor"
          name="actor"
          type="search"
          defaultValue={filters.actor ?? ""}
          maxLength={MAX_FILTER_TEXT}
          placeholder="E-mail, user ID, system, webhook:…"
          className={fieldClass}
        />
      </div>
      <div className="flex min-w-48 flex-1 flex-col gap-1">
        <label htmlFor="audit-action" className={labelClass}>
          Action
        </label>
        <input
          id="audit-action"
          name="action"
          type="search"
          list="audit-actions"
          defaultValue={filters.action ?? ""}
          maxLength={MAX_FILTER_TEXT}
          placeholder="decision.* or session.view"
          className={fieldClass}
        />
        <datalist id="audit-actions">
          {KNOWN_AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
      </div>
      <div className="flex min-w-48 flex-1 flex-col gap-1">
        <label htmlFor="audit-target" className={labelClass}>
          Target or session ID
        </label>
        <input
          id="audit-target"
          name="target"
          type="search"
          defaultValue={filters.target ?? ""}
          maxLength={MAX_FILTER_TEXT}
          placeholder="Verdict or provider session ID"
          className={fieldClass}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-from" className={labelClass}>
          From (UTC)
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} className={fieldClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-to" className={labelClass}>
          To (UTC)
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className={fieldClass} />
      </div>
      <div className="flex items-center gap-3">
        <Link href="/audit" className="text-sm text-slate-600 underline-offset-2 hover:underline">
          Clear filters
        </Link>
        <button type="submit" className={buttonClass}>
          Apply
        </button>
      </div>
    </form>
  );
}
