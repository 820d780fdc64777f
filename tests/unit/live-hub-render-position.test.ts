import { afterEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createLiveHub, RENDER_POSITION_MARGIN_MS, type LiveMessage } from "@/lib/live/hub";

function fakeListen() {
  const wiring = { payload: (_: string) => {} };
  const listen: DatabaseHandle["listen"] = async (_channel, onPayload) => {
    wiring.payload = onPayload;
    return async () => {};
  };
  return { listen, wiring };
}

const change = (id: string) => JSON.stringify({ ids: [id], reason: "webhook" });
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const idsOf = (messages: LiveMessage[]) => messages.flatMap((m) => (m.type === "sessions" && "ids" in m.event ? m.event.ids : []));

afterEach(() => vi.useRealTimers());

describe("a page's render position handed to its first event stream", () => {
  it("replays exactly what this instance heard after the page was rendered, which its first stream would otherwise miss", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { listen, wiring } = fakeListen();
    const hub = createLiveHub(listen);
    await hub.position();
    vi.advanceTimersByTime(10_000);
    wiring.payload(change(id(1)));
    vi.advanceTimersByTime(10_000);
    // Heard just before the render: the page shows it already, and must not be refreshed for it.
    wiring.payload(change(id(9)));
    vi.advanceTimersByTime(300);
    const rendered = await hub.position();
    // Applied between the render and the browser opening its stream.
    vi.advanceTimersByTime(300);
    wiring.payload(change(id(2)));

    const inbox: LiveMessage[] = [];
    (await hub.subscribe((m) => inbox.push(m), rendered))();
    expect(idsOf(inbox)).toEqual([id(2)]);
    expect(inbox.at(-1)?.type).toBe("ready");
  });

  it("reads a position rendered on another instance by its clock, with a margin for skew", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { listen, wiring } = fakeListen();
    const hub = createLiveHub(listen);
    await hub.position();
    vi.advanceTimersByTime(10_000);
    wiring.payload(change(id(1)));
    vi.advanceTimersByTime(RENDER_POSITION_MARGIN_MS + 1_000);
    // Heard here 500 ms before the other instance's clock says its page was rendered: within the skew margin.
    wiring.payload(change(id(3)));
    vi.advanceTimersByTime(500);
    // The other instance's page was rendered "now" by its own clock: id(1) is older than the margin.
    const foreign = `abcdef012345-7-${Date.now()}`;
    vi.advanceTimersByTime(100);
    wiring.payload(change(id(2)));
    const inbox: LiveMessage[] = [];
    (await hub.subscribe((m) => inbox.push(m), foreign))();
    expect(idsOf(inbox)).toEqual([id(3), id(2)]);
  });

  it("asks for a resync when it did not hear everything since the render", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { listen } = fakeListen();
    const hub = createLiveHub(listen);
    const renderedBeforeListening = `abcdef012345-0-${Date.now() - 60_000}`;
    await hub.position();
    const inbox: LiveMessage[] = [];
    (await hub.subscribe((m) => inbox.push(m), renderedBeforeListening))();
    expect(inbox.map((m) => m.type)).toEqual(["resync"]);
  });
});
