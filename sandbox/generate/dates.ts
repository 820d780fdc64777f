const DAY_MS = 86_400_000;

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function addYears(date: Date, years: number): Date {
  const copy = new Date(date.getTime());
  copy.setUTCFullYear(copy.getUTCFullYear() + years);
  return copy;
}

/** YYYY-MM-DD, the form Didit uses for document dates. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Django-style timestamp with microseconds, e.g. 2024-07-24T08:54:25.443172Z. */
export function isoMicros(date: Date, extraMicros: number): string {
  const base = date.toISOString().slice(0, 23);
  return `${base}${String(extraMicros % 1000).padStart(3, "0")}Z`;
}
