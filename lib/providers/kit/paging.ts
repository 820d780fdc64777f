import "server-only";
import { ProviderError } from "../errors";
import type { ProviderId } from "../types";

export type NumberCursor = { provider: ProviderId; providerName: string; first: number; pattern: RegExp };

/** A page number or offset as Verdict hands it back; anything else was not ours. */
export function parseNumberCursor(cursor: string | null, rules: NumberCursor): number {
  if (cursor === null || cursor === "") return rules.first;
  if (!rules.pattern.test(cursor)) {
    throw new ProviderError(rules.provider, "rejected", `The ${rules.providerName} page cursor is not valid.`);
  }
  return Number(cursor);
}

/** A number from the provider's own `next` link (`offset`, `page`); null when it carries none. */
export function numberParamOf(link: string, param: string, pattern: RegExp): number | null {
  try {
    const value = new URL(link).searchParams.get(param);
    return value !== null && pattern.test(value) ? Number(value) : null;
  } catch {
    return null;
  }
}
