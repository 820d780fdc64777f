import "server-only";
import type { AuditActor } from "@/lib/audit/append";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

/** Checked inside every lib function too: actions are only one way in. */
export function assertCanManageUsers(viewer: Viewer): void {
  if (!can(viewer.permissions, "users:manage")) throw new AppError("FORBIDDEN", "You may not manage users and roles.");
}

export const actorOf = (viewer: Viewer): AuditActor => ({ id: viewer.id, label: viewer.email });

/** zod errors as one sentence a person can act on. */
export function validationError(issues: readonly { message: string }[]): AppError {
  return new AppError("VALIDATION", issues.map((issue) => issue.message).join("; "));
}
