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
