/**
 * Addresses no route can serve, answered 400 by proxy.ts before anything else reads them.
 * Pure, for the proxy. A NUL byte reaches PostgreSQL as an invalid text value (the Sessions
 * search answered 500); a malformed %-escape in the path makes Next's own route matching throw
 * (the media route answered 500) before a route handler could refuse it.
 */
export function badUrlReason(rawPath: string, rawQuery: string): string | null {
  if (/%00/i.test(rawPath) || /%00/i.test(rawQuery) || rawPath.includes("\u0000") || rawQuery.includes("\u0000")) return "a NUL byte";
  try {
    decodeURIComponent(rawPath);
  } catch {
    return "a malformed %-escape";
  }
  return null;
}
