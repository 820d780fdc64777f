import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { openEventStream, type EventStreamOptions } from "@/lib/live/event-stream";
import { liveEventsResponse } from "@/lib/live/events-response";
import { createLiveHub, type LiveHub } from "@/lib/live/hub";
import { notifySessionsChanged } from "@/lib/live/notify";
import { createTestDatabase } from "../helpers/db";

type Reader = ReadableStreamDefaultReader<Uint8Array>;

/** Reads the stream until its text so far matches `pattern`; returns that text. */
async function readUntil(reader: Reader, pattern: RegExp, timeoutMs = 5_000): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const timeout = setTimeout(() => void reader.cancel(new Error("timed out")), timeoutMs);
  try {
    while (!pattern.test(text)) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`stream ended before ${pattern}; got ${JSON.stringify(text)}`);
      text += decoder.decode(value, { stream: true });
    }
    return text;
  } finally {
    clearTimeout(timeout);
  }
}

async function readToEnd(reader: Reader): Promise<void> {
  for (;;) if ((await reader.read()).done) return;
}

describe("the server-sent events stream", () => {
  let handle: DatabaseHandle;
  let hub: LiveHub;
  const aborts: AbortController[] = [];
  beforeAll(async () => {
    handle = await createTestDatabase();
    hub = createLiveHub(handle.listen);
  });
  afterEach(() => aborts.splice(0).forEach((a) => a.abort()));
  afterAll(async () => {
    await hub.close();
    await handle.close();
  });

  const notify = (ids: string[], reason: "webhook" | "decision" = "webhook") => handle.db.transaction((tx) => notifySessionsChanged(tx, ids, reason));
  async function open(options: Partial<EventStreamOptions> = {}, lastEventId?: string) {
    const abort = new AbortController();
    aborts.push(abort);
    const stream = await openEventStream({ signal: abort.signal, subscribe: (onMessage) => hub.subscribe(onMessage, lastEventId), ...options });
    return { abort, reader: stream.getReader() };
  }

  it("opens with the retry delay, forwards committed changes, and unsubscribes when the browser leaves", async () => {
    const { abort, reader } = await open();
    expect(await readUntil(reader, /event: ready\n/)).toMatch(/^retry: 3000\n\nid: [0-9a-f]+-\d+\nevent: ready\ndata: \{\}\n\n$/);
    expect(hub.subscriberCount()).toBe(1);

    const id = randomUUID();
    await notify([id], "decision");
    const frame = await readUntil(reader, /\n\n$/);
    expect(frame).toMatch(/^id: [0-9a-f]+-\d+\nevent: sessions\ndata: .*\n\n$/);
    expect(JSON.parse(/data: (.*)/.exec(frame)![1]!)).toEqual({ ids: [id], reason: "decision" });

    abort.abort();
    await readToEnd(reader);
    expect(hub.subscriberCount()).toBe(0);
  });

  it("sends a heartbeat comment while nothing happens", async () => {
    const { reader } = await open({ heartbeatMs: 30 });
    await readUntil(reader, /: ping\n\n[\s\S]*: ping\n\n/);
  });

  it("ends after its lifetime, so the browser reconnects through the permission check", async () => {
    const { reader } = await open({ maxLifetimeMs: 50 });
    await readToEnd(reader);
    expect(hub.subscriberCount()).toBe(0);
  });

  it("unsubscribes when the reader cancels, or when the request was already gone", async () => {
    const { reader } = await open();
    await readUntil(reader, /event: ready/);
    await reader.cancel();
    expect(hub.subscriberCount()).toBe(0);

    const gone = new AbortController();
    gone.abort();
    const stream = await openEventStream({ signal: gone.signal, subscribe: (onMessage) => hub.subscribe(onMessage) });
    await readToEnd(stream.getReader());
    expect(hub.subscriberCount()).toBe(0);
  });

  it("drops a client that stops reading instead of queueing without end", async () => {
    await open({ maxQueued: 3 });
    expect(hub.subscriberCount()).toBe(1);
    for (let n = 0; n < 6; n++) await notify([randomUUID()]);
    const deadline = Date.now() + 5_000;
    while (hub.subscriberCount() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.subscriberCount()).toBe(0);
  });

  describe("GET /api/events (behind the route's permission check)", () => {
    const holder = globalThis as unknown as { __verdictLiveHub?: LiveHub };
    afterEach(() => delete holder.__verdictLiveHub);

    it("answers with an event stream that replays from Last-Event-ID", async () => {
      holder.__verdictLiveHub = hub;
      const first = await open();
      const ready = await readUntil(first.reader, /event: ready\n/);
      const lastEventId = /id: (\S+)/.exec(ready)![1]!;
      first.abort.abort();
      const missed = randomUUID();
      const watcher = await open();
      await notify([missed]);
      await readUntil(watcher.reader, new RegExp(missed));

      const abort = new AbortController();
      aborts.push(abort);
      const request = new Request("http://verdict.test/api/events", { signal: abort.signal, headers: { "last-event-id": lastEventId } });
      const response = await liveEventsResponse(request);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
      expect(response.headers.get("x-accel-buffering")).toBe("no");
      const text = await readUntil(response.body!.getReader(), /event: ready\n/);
      expect(text).toContain(`event: sessions\ndata: {"ids":["${missed}"],"reason":"webhook"}`);
    });

    it("asks a client from another instance to resync, and answers 503 when it cannot listen", async () => {
      holder.__verdictLiveHub = hub;
      const abort = new AbortController();
      aborts.push(abort);
      const url = "http://verdict.test/api/events?lastEventId=00ff00ff-12";
      const response = await liveEventsResponse(new Request(url, { signal: abort.signal }));
      expect(await readUntil(response.body!.getReader(), /event: resync\n/)).toMatch(/retry: 3000\n\nid: [0-9a-f]+-\d+\nevent: resync\n/);

      holder.__verdictLiveHub = { ...hub, subscribe: () => Promise.reject(new Error("database unreachable")) };
      const failed = await liveEventsResponse(new Request("http://verdict.test/api/events"));
      expect(failed.status).toBe(503);
      expect(failed.headers.get("retry-after")).toBe("5");
    });
  });
});
