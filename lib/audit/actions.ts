/**
 * Every action an audit row can name, in one list: the audit_events.action column is typed with
 * it (db/schema/audit.ts), so a misspelt action fails the type check instead of writing a row
 * no filter finds. Pure and client-safe (the audit log's filter suggests from it).
 *
 * Rows outlive code: an action removed from this list still exists in old rows, so readers
 * (the log's filter, the CSV export) keep treating the column as text.
 */
export const AUDIT_ACTIONS = [
  "decision.requested",
  "decision.confirmed",
  "decision.recorded",
  "decision.failed",
  "session.view",
  "session.claim",
  "session.release",
  "session.assign",
  "session.take_over",
  "session.comment",
  "session.expire",
  "session.redact",
  "media.view",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.sign_out",
  "user.create",
  "user.role_change",
  "user.deactivate",
  "user.reactivate",
  "user.password_set",
  "user.password_change",
  "user.password_change_failed",
  "user.password_link_issue",
  "role.create",
  "role.update",
  "role.delete",
  "provider.sync",
  "webhook.receive",
  "webhook.replay",
  "webhook.quarantine",
  "outbound.retry",
  "job.run_requested",
  "audit.verify",
  "audit.export",
  "audit.evidence_view",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
