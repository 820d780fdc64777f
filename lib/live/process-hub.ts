import "server-only";
import { getDatabaseHandle } from "@/lib/db";
import { createLiveHub, type LiveHub } from "./hub";

// One listener per server process, kept on globalThis so dev-mode module reloads reuse it.
const holder = globalThis as unknown as { __verdictLiveHub?: LiveHub };

export async function getLiveHub(): Promise<LiveHub> {
  if (holder.__verdictLiveHub) return holder.__verdictLiveHub;
  const { listen } = await getDatabaseHandle();
  holder.__verdictLiveHub ??= createLiveHub(listen);
  return holder.__verdictLiveHub;
}

/**
 * For the signed-in layout: where the live feed stands as the page is rendered, handed to the
 * page's first event stream (components/live/live-updates.tsx). Null when the process cannot
 * listen: the page then connects without it and is told to resync if it missed anything.
 */
export async function liveRenderPosition(): Promise<string | null> {
  try {
    return await (await getLiveHub()).position();
  } catch {
    return null;
  }
}
