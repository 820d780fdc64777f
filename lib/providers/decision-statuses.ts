/**
 * The provider's own word for the state a decision leads to (defined in each provider's
 * status.ts). Where a provider has no entry the raw status stays what the provider says: only a
 * new provider status may change it, so a later sync of the unchanged provider state does not
 * undo the recorded decision. Pure data, no secrets.
 */
import { BELTIC_RAW_STATUS_AFTER_DECISION } from "./beltic/status";
import { BYNN_RAW_STATUS_AFTER_DECISION } from "./bynn/status";
import { DIDIT_RAW_STATUS_AFTER_DECISION } from "./didit/status";
import { IDENFY_RAW_STATUS_AFTER_DECISION } from "./idenfy/status";
import type { DecisionAction, ProviderId } from "./types";

const RAW_STATUS_AFTER_DECISION: Record<ProviderId, Partial<Record<DecisionAction, string>>> = {
  didit: DIDIT_RAW_STATUS_AFTER_DECISION,
  beltic: BELTIC_RAW_STATUS_AFTER_DECISION,
  idenfy: IDENFY_RAW_STATUS_AFTER_DECISION,
  bynn: BYNN_RAW_STATUS_AFTER_DECISION,
};

export function rawStatusAfterDecision(provider: string, action: DecisionAction): string | undefined {
  return Object.hasOwn(RAW_STATUS_AFTER_DECISION, provider) ? RAW_STATUS_AFTER_DECISION[provider as ProviderId][action] : undefined;
}
