import type { BelticSessionRecord, BelticStatus, FileKind, Stage } from "./types";

/** The main line of the sessions guide's status flow; failed, approved, declined and expired leave it. */
const LINE: readonly BelticStatus[] = ["created", "started", "pending", "completed", "marked_for_review"];
const EXIT_FROM: Partial<Record<BelticStatus, BelticStatus>> = { failed: "pending", approved: "completed", declined: "completed" };

export const DECIDABLE: readonly BelticStatus[] = ["completed", "marked_for_review"];
export const EXPIRABLE: readonly BelticStatus[] = ["created", "started", "pending", "completed", "marked_for_review"];

/**
 * The statuses a session passes through to reach `to` as Beltic would move it (one webhook each).
 * Moves the real flow has no path for (backwards, out of a final status) are a direct jump.
 */
export function stepsTo(from: BelticStatus, to: BelticStatus): BelticStatus[] {
  if (from === to) return [];
  const fromAt = LINE.indexOf(from);
  if (fromAt < 0 || to === "created" || to === "expired") return [to];
  const onLine = LINE.includes(to);
  const toAt = LINE.indexOf(onLine ? to : (EXIT_FROM[to] ?? to));
  const walk = toAt > fromAt ? LINE.slice(fromAt + 1, toAt + 1) : [];
  return onLine ? (walk.length > 0 ? walk : [to]) : [...walk, to];
}

const STAGE_OF: Partial<Record<BelticStatus, Stage>> = {
  created: "none",
  started: "started",
  pending: "submitted",
  completed: "processed",
  marked_for_review: "processed",
  failed: "processed",
  approved: "processed",
  declined: "processed",
};

/** Sets the status with the timestamps and captured data that go with it. */
export function applyStatus(record: BelticSessionRecord, to: BelticStatus, at: Date): void {
  const iso = at.toISOString();
  const stamps = record.timestamps;
  record.status = to;
  record.stage = STAGE_OF[to] ?? record.stage;
  stamps.updated_at = iso;
  if (to === "created") {
    record.timestamps = { created_at: stamps.created_at ?? iso, expires_at: stamps.expires_at, updated_at: iso };
    record.decision = null;
    return;
  }
  if (to === "started") stamps.started_at ??= iso;
  if (STAGE_OF[to] === "processed" && to !== "failed") stamps.completed_at ??= iso;
  if (to === "marked_for_review") stamps.marked_for_review_at = iso;
  if (to === "failed") stamps.failed_at = iso;
  if (to === "approved" || to === "declined") stamps.decisioned_at = iso;
  if (to === "expired") stamps.expired_at = iso;
}

/** A clock that never hands out the same or an earlier instant twice (updated_at orders events). */
export function tick(state: { clock: number }): Date {
  state.clock = Math.max(Date.now(), state.clock + 1);
  return new Date(state.clock);
}

/** The files the applicant has uploaded (and Beltic extracted) by now; none after redaction. */
export function capturedFiles(record: BelticSessionRecord): Partial<Record<FileKind, string>> {
  if (record.timestamps.redacted_at || record.stage === "none" || record.stage === "started") return {};
  const { files } = record.ids;
  return {
    front: files.front,
    ...(record.document.hasBack ? { back: files.back } : {}),
    ...(record.stage === "processed" && record.status !== "failed" ? { portrait: files.portrait } : {}),
    ...(record.document.addressProof ? { address: files.address } : {}),
  };
}
