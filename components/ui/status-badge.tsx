import type { CommonStatus } from "@/lib/sessions/status";

const TONES: Record<CommonStatus, string> = {
  created: "bg-slate-100 text-slate-700",
  started: "bg-sky-50 text-sky-800",
  pending: "bg-amber-50 text-amber-800",
  completed: "bg-indigo-50 text-indigo-800",
  failed: "bg-rose-50 text-rose-800",
  marked_for_review: "bg-orange-100 text-orange-900",
  approved: "bg-emerald-50 text-emerald-800",
  declined: "bg-rose-100 text-rose-900",
  expired: "bg-slate-200 text-slate-700",
};

export const STATUS_LABELS: Record<CommonStatus, string> = {
  created: "Created",
  started: "Started",
  pending: "Pending",
  completed: "Completed",
  failed: "Failed",
  marked_for_review: "Marked for review",
  approved: "Approved",
  declined: "Declined",
  expired: "Expired",
};

export function StatusBadge({ status }: { status: CommonStatus }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>{STATUS_LABELS[status]}</span>;
}
