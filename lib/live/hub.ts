import "server-only";
import { randomBytes } from "node:crypto";
import type { DatabaseHandle } from "@/db/client";
import { parseSessionsChanged, type SessionsChanged } from "./event";
import { LIVE_CHANNEL } from "./notify";

/**
 * What a subscriber hears. Every message carries the position `id` reached, which a client
 * hands back on reconnect (Last-Event-ID) to get what it missed.
 * - `sessions`: sessions changed;
 * - `ready`: the subscription is live, nothing was missed;
 * - `resync`: events were missed that this process can no longer replay: reload everything.
 */
export type LiveMessage = { type: "sessions"; id: string; event: SessionsChanged } | { type: "ready"; id: string } | { type: "resync"; id: string };

export type LiveHub = {
  /** Starts the process's listener if needed; replays what `lastEventId` missed, then delivers live. */
  subscribe: (onMessage: (message: LiveMessage) => void, lastEventId?: string | null) => Promise<() => void>;
  subscriberCount: () => number;
  close: () => Promise<void>;
};

type Delivery = { seq: number; event: SessionsChanged };

export const DEFAULT_HISTORY_SIZE = 1_000;

/**
 * One LISTEN per process, fanned out to every connected browser. Positions are numbered per
 * process (prefixed by a random instance id), so a reconnect that lands on another instance,
 * or on this one after a restart, is told to resync instead of silently missing events.
 */
export function createLiveHub(listen: DatabaseHandle["listen"], historySize = DEFAULT_HISTORY_SIZE): LiveHub {
  const instance = randomBytes(6).toString("hex");
  const subscribers = new Set<(message: LiveMessage) => void>();
  const history: Delivery[] = [];
  let seq = 0;
  let listening: Promise<() => Promise<void>> | null = null;
  const position = (n: number) => `${instance}-${n}`;

  const broadcast = (message: LiveMessage) => {
    for (const deliver of subscribers) {
      try {
        deliver(message);
      } catch (error) {
        console.error("[live] a subscriber failed:", error);
      }
    }
  };

  const receive = (payload: string) => {
    const event = parseSessionsChanged(payload);
    if (!event) {
      console.warn(`[live] ignored a malformed notification on ${LIVE_CHANNEL}`);
      return;
    }
    seq += 1;
    history.push({ seq, event });
    if (history.length > historySize) history.shift();
    broadcast({ type: "sessions", id: position(seq), event });
  };

  /** The deliveries after `lastEventId`, or null when they can no longer be replayed. */
  const missedSince = (lastEventId: string): Delivery[] | null => {
    const match = /^([0-9a-f]+)-(\d+)$/.exec(lastEventId);
    if (!match || match[1] !== instance) return null;
    const seen = Number(match[2]);
    const oldestKept = history[0]?.seq ?? seq + 1;
    if (seen > seq || seen < oldestKept - 1) return null;
    return history.filter((delivery) => delivery.seq > seen);
  };

  /**
   * The listener lost its connection for a while (database restart): what was notified then is
   * gone. Every open page reloads, and a position from before the gap can no longer be replayed.
   */
  const reconnected = () => {
    seq += 1;
    history.length = 0;
    broadcast({ type: "resync", id: position(seq) });
  };

  const startListening = () => {
    listening ??= listen(LIVE_CHANNEL, receive, reconnected).catch((error: unknown) => {
      listening = null;
      throw error;
    });
    return listening;
  };

  return {
    async subscribe(onMessage, lastEventId) {
      await startListening();
      // Synchronous from here on: no notification can slip between the replay and the live feed.
      const missed = lastEventId ? missedSince(lastEventId) : [];
      if (missed === null) onMessage({ type: "resync", id: position(seq) });
      else {
        for (const delivery of missed) onMessage({ type: "sessions", id: position(delivery.seq), event: delivery.event });
        onMessage({ type: "ready", id: position(seq) });
      }
      subscribers.add(onMessage);
      return () => void subscribers.delete(onMessage);
    },
    subscriberCount: () => subscribers.size,
    async close() {
      subscribers.clear();
      const unlisten = await listening?.catch(() => null);
      listening = null;
      await unlisten?.();
    },
  };
}
