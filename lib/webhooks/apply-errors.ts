import "server-only";

/** SQLSTATE classes that are about the values written, not about the database's health. */
const DATA_CLASSES: Record<string, string> = {
  "22": "the database refused a value in it",
  "23": "it breaks a database constraint",
};

function sqlStateOf(error: unknown): string | null {
  // drizzle wraps the driver's error (whose `code` is the SQLSTATE) as `cause`.
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Whether an event that parsed failed to apply because of what it carries, so that a redelivery
 * would fail the same way: a data or constraint error from the database, or a TypeError or
 * RangeError in Verdict's own apply code. Those are quarantined. Anything else (the database
 * down or restarting, a serialization failure, a timeout) rolls its lane back and leaves the
 * receipts queued for the next pass (lib/webhooks/apply-queue.ts), which counts the pass
 * against them: one failing every pass is isolated and quarantined after MAX_APPLY_ATTEMPTS.
 */
export function isPermanentApplyError(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state) return state.slice(0, 2) in DATA_CLASSES;
  // A query that failed without a SQLSTATE (connection lost) is wrapped by drizzle as a plain Error.
  return error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError;
}

/**
 * What admins read. Never the driver's message: drizzle's names the query's parameters, which
 * are the applicant's data. The full error goes to the server log only.
 */
export function describeApplyError(error: unknown): string {
  const state = sqlStateOf(error);
  if (state) return `The event could not be applied: ${DATA_CLASSES[state.slice(0, 2)] ?? "the database failed"} (SQLSTATE ${state}).`;
  return `The event could not be applied: Verdict's code failed on it (${(error as Error).name ?? "Error"}).`;
}
