"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";
import type { LiveEvent } from "@/lib/live/event";
import { useLiveEvents } from "./live-updates";

export type LiveRefreshOptions = {
  /** Which events concern this page; all of them by default. */
  match?: (event: LiveEvent) => boolean;
  /** At most one refresh per window; a burst (a sync) gives one now and one at the window's end. */
  throttleMs?: number;
};

export const DEFAULT_THROTTLE_MS = 2_000;

/** Re-renders the page's server components and refetches ['sessions', …] queries when sessions change. */
export function useLiveRefresh({ match, throttleMs = DEFAULT_THROTTLE_MS }: LiveRefreshOptions = {}): void {
  const router = useRouter();
  const queryClient = useQueryClient();
  const throttle = useRef<{ last: number; pending?: ReturnType<typeof setTimeout> }>({ last: 0 });

  const refresh = useCallback(() => {
    throttle.current = { last: Date.now() };
    router.refresh();
    void queryClient.invalidateQueries({ queryKey: ["sessions"] });
  }, [router, queryClient]);

  useLiveEvents((event) => {
    if (match && !match(event)) return;
    if (throttle.current.pending !== undefined) return;
    const wait = throttle.current.last + throttleMs - Date.now();
    if (wait <= 0) refresh();
    else throttle.current.pending = setTimeout(refresh, wait);
  });
  useEffect(() => () => clearTimeout(throttle.current.pending), []);
}

/** For server-rendered pages (lists, the queue): keeps them current while open. */
export function LiveRefresh({ throttleMs }: { throttleMs?: number }) {
  useLiveRefresh({ throttleMs });
  return null;
}
