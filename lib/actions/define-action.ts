import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-viewer";
import { getViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/providers/errors";
import type { ActionResult } from "./result";

export type { ActionResult } from "./result";

/**
 * Who may call: a permission, or "self" for actions on the viewer's own records (changing one's own password),
 * which need nothing beyond being signed in and active.
 */
export type ActionAccess = Permission | "self";

type ActionDefinition<S extends z.ZodType, T> = {
  input: S;
  permission: ActionAccess;
  /** Must authorise the specific record itself: the permission check is only the coarse gate. */
  run: (input: z.infer<S>, viewer: Viewer) => Promise<T>;
};

const fail = (code: AppError["code"], message: string, fields?: Record<string, string[]>) => ({ ok: false, error: { code, message, fields } }) as const;

/** Validates with zod, runs, and turns every failure into a safe ActionResult. */
async function settle<S extends z.ZodType, T>(schema: S, raw: unknown, run: (input: z.infer<S>) => Promise<T>): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[issue.path.join(".") || "_"] ??= []).push(issue.message);
    return fail("VALIDATION", "Check the highlighted fields.", fields);
  }
  return { ok: true, data: await run(parsed.data) };
}

async function guarded<T>(body: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await body();
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) return fail(error.code, error.message);
    if (error instanceof ProviderError) return fail("PROVIDER", error.message);
    console.error("[action] unexpected error", error);
    return fail("INTERNAL", "Something went wrong on our side. Try again; if it keeps happening, tell an admin.");
  }
}

/**
 * Wraps a server action: authenticate, check the permission, validate with zod, run, and turn
 * every failure into a safe ActionResult. Anyone can POST to an action, so nothing is assumed
 * about the caller.
 */
export function defineAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>) {
  return (raw: unknown): Promise<ActionResult<T>> =>
    guarded(async () => {
      const viewer = await getViewer();
      if (!viewer) return fail("UNAUTHENTICATED", "Your session has ended. Sign in again.");
      if (definition.permission !== "self" && !can(viewer.permissions, definition.permission)) {
        return fail("FORBIDDEN", "You do not have permission to do this.");
      }
      return settle(definition.input, raw, (input) => definition.run(input, viewer));
    });
}

/**
 * No session at all (the set-password link is used before its user can sign in): the input itself must carry the
 * proof, e.g. a one-time token. Same validation and error contract as defineAction.
 */
export function definePublicAction<S extends z.ZodType, T>(definition: { input: S; run: (input: z.infer<S>) => Promise<T> }) {
  return (raw: unknown): Promise<ActionResult<T>> => guarded(() => settle(definition.input, raw, definition.run));
}
