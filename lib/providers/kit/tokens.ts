import "server-only";

export type TokenSource = {
  get: () => Promise<string>;
  /** Drops `token` if it is still the cached one (a 401/403 said it is dead). */
  invalidate: (token: string) => void;
};

export type IssuedToken = { token: string; lifetimeMs: number };

const MAX_EXPIRY_MARGIN_MS = 60_000;

/**
 * Short-lived access tokens (OAuth client credentials), cached until shortly before they expire.
 * Concurrent callers share one in-flight request, so a burst of calls costs one token.
 * `issue` receives the time the request started, which its lifetime counts from.
 */
export function cachedTokens(issue: (issuedAt: number) => Promise<IssuedToken>): TokenSource {
  let cached: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  const refresh = async (): Promise<string> => {
    const issuedAt = Date.now();
    const { token, lifetimeMs } = await issue(issuedAt);
    // Refresh a little early so a token never dies in flight, but never so early that short-lived tokens are never reused.
    cached = { token, refreshAt: issuedAt + lifetimeMs - Math.min(MAX_EXPIRY_MARGIN_MS, lifetimeMs / 10) };
    return token;
  };

  return {
    get() {
      if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= refresh().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}
