/** Seeded PRNG (mulberry32): the same seed always yields the same sandbox data. */
export type Prng = {
  next: () => number;
  int: (min: number, max: number) => number;
  chance: (probability: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  shuffle: <T>(items: readonly T[]) => T[];
  digits: (length: number) => string;
  letters: (length: number) => string;
  hex: (length: number) => string;
};

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error("pick() from an empty list");
    return item;
  };
  const fromAlphabet = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join("");
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick,
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy;
    },
    digits: (length) => fromAlphabet("0123456789", length),
    letters: (length) => fromAlphabet("ABCDEFGHJKLMNPRSTUVWXYZ", length),
    hex: (length) => fromAlphabet("0123456789abcdef", length),
  };
}

/** RFC 4122 version-4 shaped id drawn from the PRNG (not crypto-random, on purpose: reproducible). */
export function uuidFrom(prng: Prng): string {
  const variant = prng.pick(["8", "9", "a", "b"]);
  return `${prng.hex(8)}-${prng.hex(4)}-4${prng.hex(3)}-${variant}${prng.hex(3)}-${prng.hex(12)}`;
}
