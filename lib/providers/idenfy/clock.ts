/** iDenfy's `startTime` / `finishTime` are Unix seconds (ResultCallback.md): events in one second are a tie. */
export const IDENFY_CLOCK_PRECISION_MS = 1000;
