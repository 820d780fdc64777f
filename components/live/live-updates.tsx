"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { LiveEvent } from "@/lib/live/event";
import { connectLive, type LiveStatus } from "./live-connection";

type Listener = (event: LiveEvent) => void;
type LiveContextValue = { status: LiveStatus; subscribe: (listener: Listener) => () => void };

const LiveContext = createContext<LiveContextValue | null>(null);

/**
 * Mount once in the signed-in layout: one EventSource on /api/events for the whole tab, its
 * events handed to every component that listens through the hooks below.
 */
export function LiveUpdates({ children, since = null }: { children: ReactNode; since?: string | null }) {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const listeners = useRef(new Set<Listener>());
  // The render position matters for the first connection only: later ones carry their own.
  const renderedAt = useRef(since);
  useEffect(
    () =>
      connectLive({
        url: "/api/events",
        since: renderedAt.current,
        onEvent: (event) => listeners.current.forEach((listener) => listener(event)),
        onStatus: setStatus,
        visibility: document,
      }),
    [],
  );
  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveContext value={value}>{children}</LiveContext>;
}

/** Calls `onEvent` for every live event; does nothing outside <LiveUpdates>. */
export function useLiveEvents(onEvent: Listener): void {
  const subscribe = useContext(LiveContext)?.subscribe;
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => subscribe?.((event) => latest.current(event)), [subscribe]);
}

/** The connection's state, or null outside <LiveUpdates>. */
export function useLiveStatus(): LiveStatus | null {
  return useContext(LiveContext)?.status ?? null;
}
