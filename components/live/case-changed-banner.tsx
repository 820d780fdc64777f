"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLiveEvents } from "./live-updates";

type Notice = { sessionId: string; certain: boolean };

/**
 * On an open case: says so when the session changes underneath the reviewer (a webhook, a sync,
 * another reviewer), instead of silently swapping what they are reading. Reload shows the new state.
 * The viewer's own changes (claiming, commenting, deciding) are no news to them: the page that
 * made them refreshes itself.
 */
export function CaseChangedBanner({ sessionId, viewerId }: { sessionId: string; viewerId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  useLiveEvents((event) => {
    if ("actor" in event && event.actor === viewerId.toLowerCase()) return;
    if ("ids" in event && !event.ids.includes(sessionId)) return;
    // A bulk change or a gap in the connection may or may not include this case.
    const certain = "ids" in event;
    setNotice((previous) => ({ sessionId, certain: certain || (previous?.sessionId === sessionId && previous.certain) }));
  });
  const shown = notice?.sessionId === sessionId ? notice : null;

  const reload = () => {
    setNotice(null);
    router.refresh();
    void queryClient.invalidateQueries({ queryKey: ["sessions", sessionId] });
  };
  // The live region stays mounted so that screen readers announce the text when it appears.
  return (
    <div role="status" data-testid="case-changed-banner">
      {shown ? (
        <div className="flex items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <p>{shown.certain ? "This case changed since you opened it." : "This case may have changed since you opened it."}</p>
          <button type="button" onClick={reload} className="ml-auto rounded-md border border-amber-400 bg-white px-3 py-1 font-medium hover:bg-amber-100">
            Reload
          </button>
        </div>
      ) : null}
    </div>
  );
}
