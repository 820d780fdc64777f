"use client";

import { useLiveStatus } from "./live-updates";

const LABELS = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" } as const;
const DOTS = { connecting: "bg-slate-400", live: "bg-emerald-500", reconnecting: "bg-amber-500" } as const;

/** For the header: whether this tab is receiving live updates. */
export function LiveIndicator() {
  const status = useLiveStatus();
  if (!status) return null;
  return (
    <span
      data-testid="live-status"
      data-state={status}
      title={status === "live" ? "Lists and open cases update as sessions change" : "Changes will show once the connection is back"}
      className="inline-flex items-center gap-1.5 text-xs text-slate-600"
    >
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${DOTS[status]}`} />
      {LABELS[status]}
    </span>
  );
}
