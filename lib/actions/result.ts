import type { ErrorCode } from "@/lib/errors";

/** What every server action returns: never a thrown error, never a raw exception message. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; fields?: Record<string, string[]> } };
