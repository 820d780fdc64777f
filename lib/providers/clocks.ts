/**
 * Each provider's clock precision (defined in its own status.ts), for ordering events: two times
 * within one tick of the provider's clock cannot be told apart. Pure data, no secrets.
 */
import { BELTIC_CLOCK_PRECISION_MS } from "./beltic/status";
import { BYNN_CLOCK_PRECISION_MS } from "./bynn/status";
import { DIDIT_CLOCK_PRECISION_MS } from "./didit/status";
import { IDENFY_CLOCK_PRECISION_MS } from "./idenfy/status";
import type { ProviderId } from "./types";

export const PROVIDER_CLOCK_PRECISION_MS: Record<ProviderId, number> = {
  didit: DIDIT_CLOCK_PRECISION_MS,
  beltic: BELTIC_CLOCK_PRECISION_MS,
  idenfy: IDENFY_CLOCK_PRECISION_MS,
  bynn: BYNN_CLOCK_PRECISION_MS,
};

/** The tick of the provider's clock a time falls in. */
export function clockTick(provider: ProviderId, at: Date): number {
  const precision = PROVIDER_CLOCK_PRECISION_MS[provider] ?? 1;
  return Math.floor(at.getTime() / precision);
}
