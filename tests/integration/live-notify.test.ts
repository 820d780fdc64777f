import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { parseSessionsChanged, type SessionsChanged } from "@/lib/live/event";
import { createLiveHub, type LiveHub, type LiveMessage } from "@/lib/live/hub";
import { buildNotificationPayloads, LIVE_CHANNEL, MAX_IDS_NAMED, MAX_IDS_PER_NOTIFICATION, notifySessionsChanged } from "@/lib/live/notify";
import { createTestDatabase } from "../helpers/db";

/** Waits until `check` passes; notifications arrive asynchronously on both drivers. */
async function eventually(check: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

const ids = (n: number) => Array.from({ length: n }, () => randomUUID());
const sessionEvents = (messages: LiveMessage[]) => messages.flatMap((m) => (m.type === "sessions" ? [m.event] : []));

describe("notifySessionsChanged payloads", () => {
  it("batches ids under PostgreSQL's 8000-byte limit, and names none past the cap", () => {
    const many = ids(MAX_IDS_PER_NOTIFICATION * 2 + 7);
    const payloads = buildNotificationPayloads(many, "sync");
    expect(payloads).toHaveLength(3);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(payloads.flatMap((p) => (parseSessionsChanged(p) as { ids: string[] }).ids)).toEqual(many);

    expect(buildNotificationPayloads(ids(MAX_IDS_NAMED + 1), "sync").map(parseSessionsChanged)).toEqual([{ all: true, reason: "sync" }]);
  });

  it("drops duplicates, sends nothing for no ids, and refuses anything but uuids", () => {
    const [one] = ids(1);
    expect(buildNotificationPayloads([one!, one!.toUpperCase()], "claim")).toEqual([JSON.stringify({ ids: [one], reason: "claim" })]);
    expect(buildNotificationPayloads([], "claim")).toEqual([]);
    expect(() => buildNotificationPayloads([one!, "ana@example.test"], "comment")).toThrow(/uuids only/);
  });
});

describe("reading a payload", () => {
  it("accepts ids or all with a known reason, and nothing else", () => {
    const [id] = ids(1);
    expect(parseSessionsChanged(JSON.stringify({ reason: "expiry", ids: [id] }))).toEqual({ ids: [id], reason: "expiry" });
    expect(parseSessionsChanged('{"all":true,"reason":"redaction"}')).toEqual({ all: true, reason: "redaction" });
    for (const bad of [
      { ids: [id], reason: "gossip" },
      { ids: [], reason: "sync" },
      { ids: [id], all: true, reason: "sync" },
      { all: false, reason: "sync" },
      { ids: [id], reason: "sync", name: "Ana" },
      [id],
    ]) {
      expect(parseSessionsChanged(JSON.stringify(bad))).toBeNull();
    }
    expect(parseSessionsChanged("{")).toBeNull();
  });
});

describe("change notifications through the database", () => {
  let handle: DatabaseHandle;
  let received: SessionsChanged[];
  let unlisten: () => Promise<void>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    received = [];
    unlisten = await handle.listen(LIVE_CHANNEL, (payload) => received.push(parseSessionsChanged(payload)!));
  });
  afterAll(async () => {
    await unlisten();
    await handle.close();
  });

  /** A committed marker: notifications are delivered in commit order, so anything before it has arrived. */
  async function flush(): Promise<void> {
    const [marker] = ids(1);
    await handle.db.transaction((tx) => notifySessionsChanged(tx, [marker!], "comment"));
    await eventually(() => expect(received.some((e) => "ids" in e && e.ids[0] === marker)).toBe(true));
  }

  it("reaches a listener when the transaction commits", async () => {
    const changed = ids(2);
    await handle.db.transaction((tx) => notifySessionsChanged(tx, changed, "webhook"));
    await eventually(() => expect(received).toContainEqual({ ids: changed, reason: "webhook" }));
  });

  it("never announces a change whose transaction rolled back", async () => {
    const [rolledBack] = ids(1);
    const rollback = handle.db.transaction(async (tx) => {
      await notifySessionsChanged(tx, [rolledBack!], "decision");
      throw new Error("provider refused");
    });
    await expect(rollback).rejects.toThrow("provider refused");
    await flush();
    expect(received.some((e) => "ids" in e && e.ids.includes(rolledBack!))).toBe(false);
  });

  it.runIf(process.env.DATABASE_URL)("holds the notification until the commit (PostgreSQL: another connection commits meanwhile)", async () => {
    const [pending] = ids(1);
    let seenBeforeCommit = true;
    await handle.db.transaction(async (tx) => {
      await notifySessionsChanged(tx, [pending!], "claim");
      await flush();
      seenBeforeCommit = received.some((e) => "ids" in e && e.ids.includes(pending!));
    });
    expect(seenBeforeCommit).toBe(false);
    await eventually(() => expect(received).toContainEqual({ ids: [pending], reason: "claim" }));
  });

  it("carries a large batch as several notifications the server accepts", async () => {
    const many = ids(MAX_IDS_PER_NOTIFICATION * 2 + 1);
    await handle.db.transaction((tx) => notifySessionsChanged(tx, many, "sync"));
    await eventually(() => {
      const got = received.filter((e) => e.reason === "sync" && "ids" in e).flatMap((e) => ("ids" in e ? e.ids : []));
      expect(new Set(got)).toEqual(new Set(many));
    });
  });
});

describe("the process's live hub", () => {
  let handle: DatabaseHandle;
  let hub: LiveHub;
  beforeAll(async () => {
    handle = await createTestDatabase();
    hub = createLiveHub(handle.listen, 3);
  });
  afterAll(async () => {
    await hub.close();
    await handle.close();
  });

  const notify = (sessionIds: string[]) => handle.db.transaction((tx) => notifySessionsChanged(tx, sessionIds, "webhook"));

  it("fans one notification out to every subscriber, and stops after unsubscribe", async () => {
    const inboxes: LiveMessage[][] = [[], [], []];
    const releases = await Promise.all(inboxes.map((inbox) => hub.subscribe((m) => inbox.push(m))));
    expect(hub.subscriberCount()).toBe(3);
    for (const inbox of inboxes) expect(inbox).toEqual([{ type: "ready", id: expect.stringMatching(/^[0-9a-f]+-\d+$/) }]);

    const first = ids(1);
    await notify(first);
    await eventually(() => inboxes.forEach((inbox) => expect(sessionEvents(inbox)).toEqual([{ ids: first, reason: "webhook" }])));

    releases[0]!();
    expect(hub.subscriberCount()).toBe(2);
    const second = ids(1);
    await notify(second);
    await eventually(() => [inboxes[1]!, inboxes[2]!].forEach((inbox) => expect(sessionEvents(inbox)).toHaveLength(2)));
    expect(sessionEvents(inboxes[0]!)).toEqual([{ ids: first, reason: "webhook" }]);
    releases.slice(1).forEach((release) => release());
    expect(hub.subscriberCount()).toBe(0);
  });

  it("passes on only well-formed notifications", async () => {
    const inbox: LiveMessage[] = [];
    const release = await hub.subscribe((m) => inbox.push(m));
    await handle.db.execute(sql`select pg_notify(${LIVE_CHANNEL}, 'not json')`);
    await handle.db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ ids: ["ana@example.test"], reason: "webhook" })})`);
    const valid = ids(1);
    await notify(valid);
    await eventually(() => expect(sessionEvents(inbox)).toEqual([{ ids: valid, reason: "webhook" }]));
    release();
  });

  it("replays what a reconnecting client missed, and asks for a resync when it cannot", async () => {
    const first: LiveMessage[] = [];
    const release = await hub.subscribe((m) => first.push(m));
    const missedIds = [ids(1), ids(1)];
    for (const batch of missedIds) await notify(batch);
    await eventually(() => expect(sessionEvents(first)).toHaveLength(2));
    release();
    const lastSeen = first[0]!.id;

    const again: LiveMessage[] = [];
    (await hub.subscribe((m) => again.push(m), first.at(-2)!.id))();
    expect(again.map((m) => m.type)).toEqual(["sessions", "ready"]);
    expect(sessionEvents(again)).toEqual([{ ids: missedIds[1], reason: "webhook" }]);
    expect(again[1]!.id).toBe(first.at(-1)!.id);

    const resyncs: LiveMessage[] = [];
    (await hub.subscribe((m) => resyncs.push(m), "0123abcd-5"))(); // another instance or an earlier process
    const watcher: LiveMessage[] = [];
    const stopWatching = await hub.subscribe((m) => watcher.push(m));
    for (let n = 0; n < 3; n++) await notify(ids(1)); // the history holds 3: `lastSeen` scrolls out
    await eventually(() => expect(sessionEvents(watcher)).toHaveLength(3));
    stopWatching();
    (await hub.subscribe((m) => resyncs.push(m), lastSeen))();
    expect(resyncs.map((m) => m.type)).toEqual(["resync", "resync"]);
  });
});
