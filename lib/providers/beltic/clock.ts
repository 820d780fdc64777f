/**
 * UNCONFIRMED: Beltic's examples show milliseconds ("2026-01-16T10:00:00.000Z"); no coarser clock
 * is documented, so its times are ordered to the millisecond.
 */
export const BELTIC_CLOCK_PRECISION_MS = 1;
