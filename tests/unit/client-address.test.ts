import { describe, expect, it } from "vitest";
import { addressBucket, parseTrustedProxies, resolveClientAddress } from "@/lib/auth/trusted-proxies";
import { parseEnv } from "@/lib/env";

const none = parseTrustedProxies(undefined);

describe("the client address behind TRUSTED_PROXIES", () => {
  it("believes no X-Forwarded-For by default: the TCP peer is the client", () => {
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8", none)).toBe("203.0.113.9");
    expect(resolveClientAddress(undefined, "1.2.3.4", none)).toBe("unknown");
    expect(parseTrustedProxies("0")).toEqual({ kind: "none" });
  });

  it("with a hop count, takes the entry that many hops from the peer", () => {
    const one = parseTrustedProxies("1");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.1, 203.0.113.7", one)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.1, 203.0.113.7", parseTrustedProxies("2"))).toBe("198.51.100.1");
    // A client that reached Verdict around the proxy sent no header: it is its own address.
    expect(resolveClientAddress("203.0.113.8", undefined, one)).toBe("203.0.113.8");
    // More hops than entries: the leftmost, which is as far as the chain goes.
    expect(resolveClientAddress("10.0.0.2", "203.0.113.7", parseTrustedProxies("3"))).toBe("203.0.113.7");
  });

  it("with addresses and ranges, walks left past the proxies to the first address outside them", () => {
    const ranges = parseTrustedProxies("10.0.0.0/8, 192.168.1.5, 2001:db8::/32");
    expect(resolveClientAddress("10.1.2.3", "spoofed, 203.0.113.7, 10.9.9.9", ranges)).toBe("203.0.113.7");
    expect(resolveClientAddress("192.168.1.5", "198.51.100.4", ranges)).toBe("198.51.100.4");
    expect(resolveClientAddress("2001:db8::1", "2001:db8::2, 2a00:1450::1", ranges)).toBe("2a00:1450::1");
    // A peer outside the list is the client, whatever it claims.
    expect(resolveClientAddress("203.0.113.50", "10.0.0.1", ranges)).toBe("203.0.113.50");
    // Something that is no address ends the walk at the last proxy-written entry.
    expect(resolveClientAddress("10.1.2.3", "not-an-ip", ranges)).toBe("10.1.2.3");
  });

  it("refuses malformed settings, naming the bad part, at start-up", () => {
    expect(() => parseTrustedProxies("11")).toThrow(/between 0 and 10/);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/“10.0.0.0\/33”/);
    expect(() => parseTrustedProxies("proxy.example")).toThrow(/neither an IP address nor a CIDR range/);
    const env = (value: string) => parseEnv({ AUTH_SECRET: "x".repeat(32), TRUSTED_PROXIES: value });
    expect(() => env("10.0.0.0/8,nonsense")).toThrow(/TRUSTED_PROXIES must be a hop count or a comma-separated list.*“nonsense”/);
    expect(env("").TRUSTED_PROXIES).toEqual({ kind: "none" });
    expect(env("2").TRUSTED_PROXIES).toEqual({ kind: "hops", hops: 2 });
  });

  it("throttles IPv6 clients by /64, IPv4 clients by address", () => {
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("203.0.113.9")).toBe("203.0.113.9");
  });
});

describe("SHUTDOWN_GRACE_SECONDS", () => {
  it("defaults to 10 and refuses what is not a whole number of seconds up to 600", () => {
    const env = (value?: string) => parseEnv({ AUTH_SECRET: "x".repeat(32), SHUTDOWN_GRACE_SECONDS: value });
    expect(env().SHUTDOWN_GRACE_SECONDS).toBe(10);
    expect(env("0").SHUTDOWN_GRACE_SECONDS).toBe(0);
    expect(() => env("1.5")).toThrow(/SHUTDOWN_GRACE_SECONDS/);
    expect(() => env("601")).toThrow(/SHUTDOWN_GRACE_SECONDS/);
  });
});
