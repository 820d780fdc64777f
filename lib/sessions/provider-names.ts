import type { ProviderId } from "@/lib/providers/types";

/**
 * Each provider's name as the provider spells it (iDenfy, not "Idenfy"): the one place every
 * page, message and adapter takes it from. Client-safe.
 */
export const PROVIDER_NAMES: Record<ProviderId, string> = {
  didit: "Didit",
  beltic: "Beltic",
  idenfy: "iDenfy",
  bynn: "Bynn",
};

/** The display name of a stored provider id; an id Verdict does not know is shown as it is. */
export function providerName(id: string): string {
  return Object.hasOwn(PROVIDER_NAMES, id) ? PROVIDER_NAMES[id as ProviderId] : id;
}
