import type { CommonStatus } from "@/lib/sessions/status";

/**
 * How far along a session is, for ordering two events of the same clock tick: the later stage
 * wins the tie. A decision (or a terminal end) outranks review, review outranks the applicant's
 * progress. Pure data.
 */
export const STATUS_PRECEDENCE: Record<CommonStatus, number> = {
  created: 0,
  started: 1,
  pending: 2,
  completed: 3,
  marked_for_review: 4,
  failed: 5,
  expired: 5,
  approved: 6,
  declined: 6,
};

export function precedenceOf(status: CommonStatus): number {
  // A status this build does not know (a row written by a newer Verdict) ranks lowest.
  return STATUS_PRECEDENCE[status] ?? 0;
}
