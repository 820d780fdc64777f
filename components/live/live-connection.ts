import { parseSessionsChanged, SSE_EVENT_READY, SSE_EVENT_RESYNC, SSE_EVENT_SESSIONS, type LiveEvent } from "@/lib/live/event";

export type LiveStatus = "connecting" | "live" | "reconnecting";

/** The part of EventSource this uses, so tests can stand in for it. */
export type EventSourceLike = {
  readonly readyState: number;
  addEventListener: (type: string, listener: (event: MessageEvent<string>) => void) => void;
  onerror: ((event: Event) => void) | null;
  close: () => void;
};

/** The part of `document` this uses: a hidden tab lets its connection go. */
export type VisibilityLike = {
  readonly visibilityState: string;
  addEventListener: (type: "visibilitychange", listener: () => void) => void;
  removeEventListener: (type: "visibilitychange", listener: () => void) => void;
};

export type LiveConnectionOptions = {
  url: string;
  /**
   * Where the feed stood when the server rendered this page (the hub's `position()`): the first
   * connection asks for what changed since, which the page could not show yet.
   */
  since?: string | null;
  onEvent: (event: LiveEvent) => void;
  onStatus: (status: LiveStatus) => void;
  createEventSource?: (url: string) => EventSourceLike;
  visibility?: VisibilityLike | null;
  /** After the browser gives up (an HTTP error such as 401 or 503), try again after this, doubling up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Browsers allow ~6 connections per server over HTTP/1.1: a tab hidden this long closes its stream. */
  hiddenCloseMs?: number;
  reconnectingGraceMs?: number;
};

const CLOSED = 2;

/**
 * One EventSource for the page. The browser retries network errors by itself (with the
 * server's `retry`), sending Last-Event-ID so the server replays what was missed; after an HTTP
 * error it stops, so this reopens it with a growing pause and the last id in the query.
 */
export function connectLive(options: LiveConnectionOptions): () => void {
  const { onEvent, onStatus, firstRetryMs = 3_000, maxRetryMs = 60_000, hiddenCloseMs = 60_000, reconnectingGraceMs = 5_000 } = options;
  const create: (url: string) => EventSourceLike = options.createEventSource ?? ((url: string) => new EventSource(url));
  const visibility = options.visibility ?? null;
  let source: EventSourceLike | null = null;
  let lastEventId = options.since ?? "";
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let current: LiveStatus = "connecting";
  let stopped = false;

  // The server ends each stream after a few minutes and the browser reconnects within seconds:
  // "reconnecting" shows only when the connection stays down past the grace period.
  const setStatus = (status: LiveStatus) => {
    if (status === "reconnecting" && current === "live") {
      graceTimer ??= setTimeout(() => report("reconnecting"), reconnectingGraceMs);
      return;
    }
    report(status);
  };
  const report = (status: LiveStatus) => {
    clearTimeout(graceTimer);
    graceTimer = undefined;
    current = status;
    onStatus(status);
  };
  const remember = (event: MessageEvent<string>) => {
    if (event.lastEventId) lastEventId = event.lastEventId;
    failures = 0;
    setStatus("live");
  };
  const close = () => {
    source?.close();
    source = null;
  };
  const open = () => {
    if (stopped || source) return;
    clearTimeout(retryTimer);
    const url = lastEventId ? `${options.url}?lastEventId=${encodeURIComponent(lastEventId)}` : options.url;
    const next = create(url);
    source = next;
    next.addEventListener(SSE_EVENT_READY, remember);
    next.addEventListener(SSE_EVENT_RESYNC, (event) => {
      remember(event);
      onEvent({ resync: true });
    });
    next.addEventListener(SSE_EVENT_SESSIONS, (event) => {
      remember(event);
      const change = parseSessionsChanged(event.data);
      if (change) onEvent(change);
    });
    next.onerror = () => {
      if (source !== next) return;
      setStatus("reconnecting");
      if (next.readyState !== CLOSED) return;
      close();
      retryTimer = setTimeout(open, Math.min(firstRetryMs * 2 ** failures, maxRetryMs));
      failures += 1;
    };
  };
  const onVisibility = () => {
    clearTimeout(hiddenTimer);
    if (visibility?.visibilityState === "hidden") hiddenTimer = setTimeout(close, hiddenCloseMs);
    else if (!source) {
      // Back in view: reconnect now (the server replays what was missed), even if a retry was waiting.
      setStatus("reconnecting");
      open();
    }
  };

  report("connecting");
  open();
  visibility?.addEventListener("visibilitychange", onVisibility);
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearTimeout(hiddenTimer);
    clearTimeout(graceTimer);
    visibility?.removeEventListener("visibilitychange", onVisibility);
    close();
  };
}
