import type { ListProvider, ListSort } from "@/lib/sessions/list-query";
import { PROVIDER_NAMES } from "@/lib/sessions/provider-names";

/** Provider names as each provider spells itself, from the one table (lib/sessions/provider-names.ts). */
export const PROVIDER_LABELS: Record<ListProvider, string> = PROVIDER_NAMES;

export const SORT_LABELS: Record<ListSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
};

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "3 hr. ago", "yesterday": how long a case has waited matters more to a reviewer than the date. */
export function formatAge(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  for (const [unit, size] of STEPS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

export const utcDateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
