/**
 * What the seeded sessions look like: providers, the status mix of a live desk, names in four
 * scripts (the sandbox's own name pools) and each provider's raw status for a common status.
 */
import { BELTIC_STATUS_MAP } from "@/lib/providers/beltic/status";
import { BYNN_RECORD_STATUS_MAP } from "@/lib/providers/bynn/status";
import { DIDIT_STATUS_MAP } from "@/lib/providers/didit/status";
import { IDENFY_STATUS_MAP } from "@/lib/providers/idenfy/status";
import { NAME_POOLS, type Script } from "@/sandbox/generate/names";
import { createPrng } from "@/sandbox/generate/prng";

export const PROVIDER_WEIGHTS: [string, number][] = [
  ["didit", 0.35],
  ["beltic", 0.25],
  ["idenfy", 0.25],
  ["bynn", 0.15],
];

/** Most sessions finished long ago; about 2 % wait for a reviewer. */
export const STATUS_WEIGHTS: [string, number][] = [
  ["approved", 0.48],
  ["declined", 0.1],
  ["expired", 0.14],
  ["completed", 0.03],
  ["failed", 0.04],
  ["marked_for_review", 0.02],
  ["pending", 0.05],
  ["started", 0.07],
  ["created", 0.07],
];

const SCRIPT_WEIGHTS: [Script, number][] = [
  ["latin", 0.55],
  ["cyrillic", 0.2],
  ["han", 0.12],
  ["arabic", 0.13],
];
const COUNTRIES: Record<Script, string[]> = {
  latin: ["ES", "PL", "DE", "IE", "FR", "BR", "VN", "PT", "NO"],
  cyrillic: ["RU", "UA", "RS", "BG", "KZ"],
  han: ["CN", "TW", "SG", "HK"],
  arabic: ["EG", "AE", "SA", "MA", "JO"],
};

/** `CASE` over a uniform [0,1) column picking by cumulative weight. */
export function weightedCase(column: string, weights: [string, number][]): string {
  let cumulative = 0;
  const arms = weights.slice(0, -1).map(([value, weight]) => `when ${column} < ${(cumulative += weight).toFixed(6)} then '${value}'`);
  return `case ${arms.join(" ")} else '${weights.at(-1)![0]}' end`;
}

/** {provider: {common status: raw status}}: the first raw status each provider maps onto it. */
export function rawStatuses(): Record<string, Record<string, string>> {
  const maps: Record<string, Record<string, string>> = {
    didit: DIDIT_STATUS_MAP,
    beltic: BELTIC_STATUS_MAP,
    idenfy: IDENFY_STATUS_MAP,
    bynn: BYNN_RECORD_STATUS_MAP,
  };
  const out: Record<string, Record<string, string>> = {};
  for (const [provider, map] of Object.entries(maps)) {
    out[provider] = {};
    for (const [raw, common] of Object.entries(map)) out[provider][common] ??= raw;
  }
  return out;
}

export type People = { names: string[]; givens: string[]; families: string[]; emails: string[]; countries: string[] };

/** 1,000 applicants drawn with the script weights; the SQL picks among them per row. */
export function people(size = 1000): People {
  const prng = createPrng(20_261_122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(prng.next() * items.length)]!;
  const out: People = { names: [], givens: [], families: [], emails: [], countries: [] };
  for (let i = 0; i < size; i++) {
    let r = prng.next();
    const script = SCRIPT_WEIGHTS.find(([, w]) => (r -= w) < 0)?.[0] ?? "latin";
    const pool = NAME_POOLS[script];
    const sex = prng.next() < 0.5 ? "M" : "F";
    const given = pick(pool.given[sex]);
    const family = pick(pool.family)[sex];
    out.names.push(pool.join(given[0], family[0]));
    out.givens.push(given[0]);
    out.families.push(family[0]);
    out.emails.push(`${given[1]}.${family[1]}`.toLowerCase().replace(/[^a-z0-9.]+/g, ""));
    out.countries.push(pick(COUNTRIES[script]));
  }
  return out;
}
