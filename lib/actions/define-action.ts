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

type ActionDefinition<S extends z.ZodType, T> = {
  input: S;
  permission: Permission;
  /** Must authorise the specific record itself: the permission check is only the coarse gate. */
  run: (input: z.infer<S>, viewer: Viewer) => Promise<T>;
};

const fail = (code: AppError["code"], message: string, fields?: Record<string, string[]>) =>
  ({ ok: false, error: { code, message, fields } }) as const;

/**
 * Wraps a server action: authenticate, check the permission, validate with zod, run, and turn
 * every failure into a safe ActionResult. Anyone can POST to an action, so nothing is assumed
 * about the caller.
 */
export function defineAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      const viewer = await getViewer();
      if (!viewer) return fail("UNAUTHENTICATED", "Your session has ended. Sign in again.");
      if (!can(viewer.permissions, definition.permission)) return fail("FORBIDDEN", "You do not have permission to do this.");
      const parsed = definition.input.safeParse(raw);
      if (!parsed.success) {
        const fields: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (fields[issue.path.join(".") || "_"] ??= []).push(issue.message);
        return fail("VALIDATION", "Check the highlighted fields.", fields);
      }
      return { ok: true, data: await definition.run(parsed.data, viewer) };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) return fail(error.code, error.message);
      if (error instanceof ProviderError) return fail("PROVIDER", error.message);
      console.error("[action] unexpected error", error);
      return fail("INTERNAL", "Something went wrong on our side. Try again; if it keeps happening, tell an admin.");
    }
  };
}
