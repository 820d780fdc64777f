/**
 * TRUSTED_PROXIES: which X-Forwarded-For entries to believe when working out a client's
 * address. Pure (lib/env.ts validates the setting with it, the unit tests call it directly).
 *
 * Any client can send X-Forwarded-For, so by default (unset) Verdict believes none of it and
 * uses the TCP peer's address. Behind proxies, say which:
 * - a hop count `N`: exactly N proxies sit in front of Verdict, each appending the address it
 *   received from; the client is the N-th entry from the right (the peer counts as hop 0);
 * - a list of addresses and CIDR ranges: peers and entries inside them are proxies; the client
 *   is the first address, walking from the peer leftwards, that is outside them.
 */
import { BlockList, isIP } from "node:net";

export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "ranges"; list: BlockList; source: string };

export const MAX_PROXY_HOPS = 10;

/** Parses the setting; throws an Error naming the bad part. Empty means none. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_PROXY_HOPS) throw new Error(`a hop count must be between 0 and ${MAX_PROXY_HOPS}`);
    return { kind: "hops", hops };
  }
  const list = new BlockList();
  for (const part of text.split(",").map((p) => p.trim())) {
    const [address = "", prefix, extra] = part.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (prefix !== undefined && !/^\d+$/.test(prefix)) || bits > maxBits) {
      throw new Error(`“${part}” is neither an IP address nor a CIDR range (like 10.0.0.0/8)`);
    }
    list.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return { kind: "ranges", list, source: text };
}

/** `::ffff:10.1.2.3` (an IPv4 client of a dual-stack socket) is the IPv4 address 10.1.2.3. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1]! : trimmed).toLowerCase();
}

const inRanges = (list: BlockList, address: string) => list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * The client's address from the TCP peer and the X-Forwarded-For header as received.
 * An entry that is not an IP address ends the walk: only a client writes such a thing, and a
 * proxy we trust never would, so whatever stands left of it is the client's own say-so.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | null | undefined, trust: TrustedProxies): string {
  const socket = normaliseAddress(peer ?? "");
  if (trust.kind === "none" || !socket) return socket || "unknown";
  const entries = (forwardedFor ?? "").split(",").map(normaliseAddress).filter(Boolean).reverse();
  let client = socket;
  for (let hop = 0; hop < entries.length; hop++) {
    const trusted = trust.kind === "hops" ? hop < trust.hops : inRanges(trust.list, client);
    if (!trusted) break;
    const next = entries[hop]!;
    if (!isIP(next)) break;
    client = next;
  }
  return client;
}

/**
 * The throttle key for an address: IPv6 clients get a whole /64 (one subscriber's usual
 * allocation), so nobody can rotate through their own addresses to escape the per-address limit.
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  // Expand "::" so the first four groups are always there.
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
