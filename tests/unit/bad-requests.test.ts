import { describe, expect, it } from "vitest";
import { lockAfter, THROTTLE_POLICIES, waitInWords } from "@/lib/auth/throttle-policies";
import { badUrlReason } from "@/lib/server/bad-url";
import { parseListQuery } from "@/lib/sessions/list-query";

describe("addresses answered 400 by the proxy", () => {
  it("names a NUL byte anywhere in the path or the query", () => {
    expect(badUrlReason("/sessions", "?q=%00")).toBe("a NUL byte");
    expect(badUrlReason("/sessions", "?q=a%00b&status=approved")).toBe("a NUL byte");
    expect(badUrlReason("/api/sessions/x/media/y/fr%00nt", "")).toBe("a NUL byte");
  });

  it("names a malformed %-escape in the path", () => {
    expect(badUrlReason("/api/sessions/x/media/y/%E0%A4%A", "")).toBe("a malformed %-escape");
    expect(badUrlReason("/api/sessions/x/media/y/%", "")).toBe("a malformed %-escape");
    expect(badUrlReason("/api/sessions/x/media/y/%ZZ", "")).toBe("a malformed %-escape");
  });

  it("lets ordinary addresses through", () => {
    expect(badUrlReason("/sessions", "?q=J%C3%B6rg%20M%C3%BCller&sort=oldest")).toBeNull();
    expect(badUrlReason("/api/sessions/x/media/y/front%20side", "")).toBeNull();
  });
});

describe("the Sessions search", () => {
  it("never passes a NUL on to the database, and says why it dropped the search", () => {
    const { query, notes } = parseListQuery({ q: "ab\u0000c" });
    expect(query.q).toBeNull();
    expect(notes).toEqual(["Ignored the search: it holds a NUL character."]);
  });
});

describe("throttle arithmetic", () => {
  const now = new Date("2031-01-01T00:00:00Z");
  it("locks a pair after its failures, and delays an account more with each one", () => {
    expect(lockAfter(THROTTLE_POLICIES.pair, 4, now)).toBeNull();
    expect(lockAfter(THROTTLE_POLICIES.pair, 5, now)?.getTime()).toBe(now.getTime() + THROTTLE_POLICIES.pair.lockMs);
    const delays = [5, 6, 7, 12, 40].map((n) => lockAfter(THROTTLE_POLICIES.account, n, now)!.getTime() - now.getTime());
    expect(delays).toEqual([1000, 2000, 4000, 60_000, 60_000]);
  });

  it("says how long to wait, rounded up", () => {
    expect(waitInWords(new Date(now.getTime() + 400), now)).toBe("1 second");
    expect(waitInWords(new Date(now.getTime() + 47_200), now)).toBe("48 seconds");
    expect(waitInWords(new Date(now.getTime() + 15 * 60_000), now)).toBe("15 minutes");
  });
});
