import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import type { Viewer } from "@/lib/auth/load-viewer";
import { getViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

/*
 * defineAction (lib/actions/define-action.ts) requires a permission. Changing one's own
 * password needs none beyond being signed in, and the set-password link is used before the
 * user can sign in at all; these two wrappers keep the same contract (zod, ActionResult,
 * safe messages) for those cases.
 */

const fail = (code: AppError["code"], message: string, fields?: Record<string, string[]>) => ({ ok: false, error: { code, message, fields } }) as const;

async function settle<S extends z.ZodType, T>(schema: S, raw: unknown, run: (input: z.infer<S>) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fields: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fields[issue.path.join(".") || "_"] ??= []).push(issue.message);
      return fail("VALIDATION", "Check the highlighted fields.", fields);
    }
    return { ok: true, data: await run(parsed.data) };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) return fail(error.code, error.message);
    console.error("[action] unexpected error", error);
    return fail("INTERNAL", "Something went wrong on our side. Try again; if it keeps happening, tell an admin.");
  }
}

/** Any signed-in, active user; the run function must confine itself to the viewer's own records. */
export function defineSignedInAction<S extends z.ZodType, T>(definition: { input: S; run: (input: z.infer<S>, viewer: Viewer) => Promise<T> }) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const viewer = await getViewer();
    if (!viewer) return fail("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    return settle(definition.input, raw, (input) => definition.run(input, viewer));
  };
}

/** No session at all: the input itself must carry the proof (e.g. a one-time token). */
export function definePublicAction<S extends z.ZodType, T>(definition: { input: S; run: (input: z.infer<S>) => Promise<T> }) {
  return (raw: unknown): Promise<ActionResult<T>> => settle(definition.input, raw, definition.run);
}
