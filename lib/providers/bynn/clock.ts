/** Bynn's times are ISO 8601 to the second ("2025-06-12T14:59:33+01:00" in its webhook examples). */
export const BYNN_CLOCK_PRECISION_MS = 1000;
