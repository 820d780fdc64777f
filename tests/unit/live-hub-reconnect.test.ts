import { describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createLiveHub, type LiveMessage } from "@/lib/live/hub";

/** A listener under the test's control: deliver notifications, or say the connection came back. */
function fakeListen() {
  const wiring = { payload: (_: string) => {}, reconnected: () => {} };
  const listen: DatabaseHandle["listen"] = async (_channel, onPayload, onReconnect) => {
    wiring.payload = onPayload;
    wiring.reconnected = onReconnect ?? (() => {});
    return async () => {};
  };
  return { listen, wiring };
}

const change = (id: string) => JSON.stringify({ ids: [id], reason: "webhook" });
const ID = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"] as const;

describe("the live hub after its database connection came back", () => {
  it("tells every open page to resync, and replays nothing from before the gap", async () => {
    const { listen, wiring } = fakeListen();
    const hub = createLiveHub(listen);
    const inbox: LiveMessage[] = [];
    await hub.subscribe((m) => inbox.push(m));
    wiring.payload(change(ID[0]));
    const beforeGap = inbox.at(-1)!.id;

    wiring.reconnected();
    expect(inbox.map((m) => m.type)).toEqual(["ready", "sessions", "resync"]);

    // A page that reconnects with a position from before the gap cannot be caught up by replay.
    const late: LiveMessage[] = [];
    (await hub.subscribe((m) => late.push(m), beforeGap))();
    expect(late.map((m) => m.type)).toEqual(["resync"]);
    // One that already heard the resync is current, and hears what comes next.
    const current: LiveMessage[] = [];
    const release = await hub.subscribe((m) => current.push(m), inbox.at(-1)!.id);
    wiring.payload(change(ID[1]));
    expect(current.map((m) => m.type)).toEqual(["ready", "sessions"]);
    release();
    await hub.close();
  });
});
