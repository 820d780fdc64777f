/**
 * The review queue's filters as URL state: what a reviewer narrows the queue by, read from
 * the URL (a bad value is dropped with a note, never thrown) and written back into one.
 * Pure: the queue page parses, lib/review/queue.ts turns the result into SQL.
 */
import { enumParam, isUuid, shownValue, singleParam, type SearchParamsRecord } from "@/lib/audit/filter-params";
import { LIST_PROVIDERS, type ListProvider } from "@/lib/sessions/list-href";

/** A case waiting longer than this is overdue: the review target the queue is worked against. */
export const REVIEW_SLA_HOURS = 24;

export const AGE_BUCKETS = ["under_1d", "1d_3d", "3d_7d", "over_7d"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
export const AGE_BUCKET_LABELS: Record<AgeBucket, string> = {
  under_1d: "Under 24 hours",
  "1d_3d": "1–3 days",
  "3d_7d": "3–7 days",
  over_7d: "Over 7 days",
};
const DAY_MS = 86_400_000;
/** [min, max) waiting time of each bucket, in milliseconds; null: unbounded. */
export const AGE_BUCKET_RANGES: Record<AgeBucket, [number, number | null]> = {
  under_1d: [0, DAY_MS],
  "1d_3d": [DAY_MS, 3 * DAY_MS],
  "3d_7d": [3 * DAY_MS, 7 * DAY_MS],
  over_7d: [7 * DAY_MS, null],
};

/** `unassigned`: nobody holds a live claim; `mine`: the viewer does; else a user's id. */
export type AssigneeFilter = "unassigned" | "mine" | { userId: string };

/** `failed`: any failed check; else one provider code among the signals of checks that did not pass. */
export type RiskFilter = "failed" | { code: string };

export type QueueFilters = {
  provider: ListProvider | null;
  risk: RiskFilter | null;
  age: AgeBucket | null;
  assignee: AssigneeFilter | null;
};

export const NO_QUEUE_FILTERS: QueueFilters = { provider: null, risk: null, age: null, assignee: null };

const RISK_CODE = /^[A-Za-z0-9_.:-]{1,80}$/;

export function parseQueueFilters(params: SearchParamsRecord): { filters: QueueFilters; notes: string[] } {
  const notes: string[] = [];
  const provider = enumParam(params.provider, "provider", LIST_PROVIDERS, notes);
  const age = enumParam(params.age, "age", AGE_BUCKETS, notes);
  const riskValue = singleParam(params.risk, "risk", notes);
  let risk: RiskFilter | null = null;
  if (riskValue === "failed") risk = "failed";
  else if (riskValue !== null && RISK_CODE.test(riskValue)) risk = { code: riskValue };
  else if (riskValue !== null) notes.push(`Ignored risk ${shownValue(riskValue)}: not a risk signal code.`);
  const assigneeValue = singleParam(params.assignee, "assignee", notes);
  let assignee: AssigneeFilter | null = null;
  if (assigneeValue === "unassigned" || assigneeValue === "mine") assignee = assigneeValue;
  else if (assigneeValue !== null && isUuid(assigneeValue)) assignee = { userId: assigneeValue.toLowerCase() };
  else if (assigneeValue !== null) notes.push(`Ignored assignee ${shownValue(assigneeValue)}: use unassigned, mine or a user.`);
  return { filters: { provider, risk, age, assignee }, notes };
}

export function riskParam(risk: RiskFilter | null): string | null {
  if (risk === null) return null;
  return risk === "failed" ? "failed" : risk.code;
}

export function assigneeParam(assignee: AssigneeFilter | null): string | null {
  if (assignee === null) return null;
  return typeof assignee === "string" ? assignee : assignee.userId;
}

/** The one URL of a filtered queue; the same filters always give the same URL. */
export function queueHref(filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.provider) params.set("provider", filters.provider);
  const risk = riskParam(filters.risk);
  if (risk) params.set("risk", risk);
  if (filters.age) params.set("age", filters.age);
  const assignee = assigneeParam(filters.assignee);
  if (assignee) params.set("assignee", assignee);
  const query = params.toString();
  return query ? `/queue?${query}` : "/queue";
}

export const hasQueueFilters = (filters: QueueFilters) => Object.values(filters).some((value) => value !== null);
