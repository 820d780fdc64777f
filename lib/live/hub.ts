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
  /**
   * Where the feed stands now (and starts the listener): a page rendered now hands this to its
   * stream, which then replays what changed between the render and the stream's start.
   */
  position: () => Promise<string>;
  subscriberCount: () => number;
  close: () => Promise<void>;
};

/** `at`: when this process heard it, for a position handed over from another instance. */
type Delivery = { seq: number; at: number; event: SessionsChanged };

/**
 * Another instance's render position is read by the clock: what this process heard since that
 * moment, less this margin (clock skew between instances, NOTIFY's own delivery), is replayed.
 * Replaying an event the page already showed costs a refresh.
 */
export const RENDER_POSITION_MARGIN_MS = 2_000;

export const DEFAULT_HISTORY_SIZE = 1_000;

/**
 * One LISTEN per process, fanned out to every connected browser. Positions are numbered per
 * process (prefixed by a random instance id), so a reconnect that lands on another instance,
 * or on this one after a restart, is told to resync instead of silently missing events. A page
 * hands its render position (`position()`) to its first stream, which replays by time instead.
 */
export function createLiveHub(listen: DatabaseHandle["listen"], historySize = DEFAULT_HISTORY_SIZE): LiveHub {
  const instance = randomBytes(6).toString("hex");
  const subscribers = new Set<(message: LiveMessage) => void>();
  const history: Delivery[] = [];
  let seq = 0;
  let listening: Promise<() => Promise<void>> | null = null;
  const position = (n: number) => `${instance}-${n}`;
  // The hand-over form: `<instance>-<seq>-<epoch ms>`; streams' own ids stay `<instance>-<seq>`.
  const renderPosition = () => `${instance}-${seq}-${Date.now()}`;

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
    history.push({ seq, at: Date.now(), event });
    if (history.length > historySize) history.shift();
    broadcast({ type: "sessions", id: position(seq), event });
  };

  /**
   * The deliveries after `lastEventId`, or null when they can no longer be replayed. A position of
   * this process names its sequence: exactly what came after is replayed (the layout takes it
   * before the page below it reads its data). Another instance's render position
   * (`-<epoch ms>` added) can only be read by time.
   */
  const missedSince = (lastEventId: string): Delivery[] | null => {
    const match = /^([0-9a-f]+)-(\d+)(?:-(\d+))?$/.exec(lastEventId);
    if (!match) return null;
    if (match[1] !== instance) return match[3] ? heardSince(Number(match[3])) : null;
    const seen = Number(match[2]);
    const oldestKept = history[0]?.seq ?? seq + 1;
    if (seen > seq || seen < oldestKept - 1) return null;
    return history.filter((delivery) => delivery.seq > seen);
  };

  /** What this process heard since a page was rendered (less the margin), if it heard all of it. */
  const heardSince = (renderedAt: number): Delivery[] | null => {
    const from = renderedAt - RENDER_POSITION_MARGIN_MS;
    const heardFrom = history.length === historySize ? (history[0]?.at ?? Infinity) : listeningSince;
    if (from < heardFrom) return null;
    return history.filter((delivery) => delivery.at >= from);
  };

  /**
   * The listener lost its connection for a while (database restart): what was notified then is
   * gone. Every open page reloads, and a position from before the gap can no longer be replayed.
   */
  const reconnected = () => {
    seq += 1;
    history.length = 0;
    // Listening again from now: what was notified during the gap is gone.
    listeningSince = Date.now();
    broadcast({ type: "resync", id: position(seq) });
  };

  // Since when this process has heard every notification without a gap (Infinity: not listening yet).
  let listeningSince = Infinity;
  const startListening = () => {
    listening ??= listen(LIVE_CHANNEL, receive, reconnected).then(
      (unlisten) => {
        listeningSince = Math.min(listeningSince, Date.now());
        return unlisten;
      },
      (error: unknown) => {
        listening = null;
        throw error;
      },
    );
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
    async position() {
      await startListening();
      return renderPosition();
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
