import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connectLive, type EventSourceLike, type LiveStatus, type VisibilityLike } from "@/components/live/live-connection";
import type { LiveEvent } from "@/lib/live/event";

/** Stands in for the browser's EventSource: the test plays the server's side. */
class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private listeners = new Map<string, Array<(event: MessageEvent<string>) => void>>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: string, lastEventId: string) {
    this.readyState = 1;
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data, lastEventId }));
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event("error"));
  }
}

class FakeDocument implements VisibilityLike {
  visibilityState = "visible";
  private listener: (() => void) | null = null;
  addEventListener(_type: "visibilitychange", listener: () => void) {
    this.listener = listener;
  }
  removeEventListener() {
    this.listener = null;
  }
  set(state: "visible" | "hidden") {
    this.visibilityState = state;
    this.listener?.();
  }
}

describe("the page's live connection", () => {
  let sources: FakeEventSource[];
  let events: LiveEvent[];
  let statuses: LiveStatus[];
  let page: FakeDocument;
  let disconnect: () => void;
  const latest = () => sources.at(-1)!;

  beforeEach(() => {
    vi.useFakeTimers();
    sources = [];
    events = [];
    statuses = [];
    page = new FakeDocument();
    disconnect = connectLive({
      url: "/api/events",
      onEvent: (event) => events.push(event),
      onStatus: (status) => statuses.push(status),
      createEventSource: (url) => {
        const source = new FakeEventSource(url);
        sources.push(source);
        return source;
      },
      visibility: page,
      firstRetryMs: 1_000,
      maxRetryMs: 4_000,
      hiddenCloseMs: 10_000,
      reconnectingGraceMs: 2_000,
    });
  });
  afterEach(() => {
    disconnect();
    vi.useRealTimers();
  });

  it("passes on well-formed changes and a resync, and reports when it is live", () => {
    expect(latest().url).toBe("/api/events");
    expect(statuses).toEqual(["connecting"]);
    latest().emit("ready", "{}", "a1-0");
    expect(statuses.at(-1)).toBe("live");
    const id = randomUUID();
    latest().emit("sessions", JSON.stringify({ ids: [id], reason: "claim" }), "a1-1");
    latest().emit("sessions", JSON.stringify({ ids: ["someone@example.test"], reason: "claim" }), "a1-2");
    latest().emit("resync", "{}", "a1-2");
    expect(events).toEqual([{ ids: [id], reason: "claim" }, { resync: true }]);
  });

  it("shows 'reconnecting' only when the browser's own retry does not come back within the grace period", () => {
    latest().emit("ready", "{}", "a1-0");
    latest().fail(0);
    vi.advanceTimersByTime(1_500);
    latest().emit("ready", "{}", "a1-0");
    expect(statuses.filter((s) => s === "reconnecting")).toEqual([]);

    latest().fail(0);
    vi.advanceTimersByTime(1_500);
    latest().fail(0); // still down: a later error does not restart the grace period
    vi.advanceTimersByTime(600);
    expect(statuses.at(-1)).toBe("reconnecting");
    expect(sources).toHaveLength(1);
  });

  it("reopens after an HTTP error with a growing pause, resuming from the last event", () => {
    latest().emit("ready", "{}", "a1-0");
    latest().emit("sessions", JSON.stringify({ all: true, reason: "sync" }), "a1-7");
    latest().fail(2);
    expect(latest().closed).toBe(true);
    vi.advanceTimersByTime(999);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(latest().url).toBe("/api/events?lastEventId=a1-7");
    latest().fail(2);
    vi.advanceTimersByTime(1_999);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(3);
    latest().emit("ready", "{}", "a1-7");
    expect(statuses.at(-1)).toBe("live");
  });

  it("lets the connection go in a tab hidden for long, and resumes when it is shown", () => {
    latest().emit("ready", "{}", "a1-3");
    page.set("hidden");
    vi.advanceTimersByTime(9_999);
    expect(latest().closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(latest().closed).toBe(true);
    page.set("visible");
    expect(sources).toHaveLength(2);
    expect(latest().url).toBe("/api/events?lastEventId=a1-3");
  });

  it("stops for good when the page unmounts", () => {
    latest().fail(2);
    disconnect();
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
  });
});
