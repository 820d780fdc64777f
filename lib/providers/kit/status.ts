/**
 * Reading a provider's status words through its map (status.ts). Pure data, client-safe.
 */
import type { CommonStatus } from "../types";

/**
 * `is` tells the provider's known words; `map` reads one onto the common set. Unknown statuses
 * must not break a sync: they read as "pending" (the raw value is kept beside it).
 */
export function statusReader<S extends string>(statusMap: Record<S, CommonStatus>) {
  const is = (raw: string): raw is S => Object.hasOwn(statusMap, raw);
  return { is, map: (raw: string): CommonStatus => (is(raw) ? statusMap[raw] : "pending") };
}
