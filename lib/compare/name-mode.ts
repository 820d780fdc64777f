export const NAME_MATCH_MODES = ["ANY_NAME", "ONE_NAME", "ALL_NAMES"] as const;
export type NameMatchMode = (typeof NAME_MATCH_MODES)[number];

/**
 * Reads NAME_MATCH_MODE. Unset or blank means ANY_NAME (iDenfy's default). An unknown value
 * throws instead of falling back: a typo must not silently loosen a compliance setting.
 */
export function parseNameMatchMode(value: string | undefined): NameMatchMode {
  const wanted = value?.trim().toUpperCase() ?? "";
  if (wanted === "") return "ANY_NAME";
  const mode = NAME_MATCH_MODES.find((candidate) => candidate === wanted);
  if (mode) return mode;
  throw new Error(`NAME_MATCH_MODE must be one of ${NAME_MATCH_MODES.join(", ")} (got "${value}")`);
}
