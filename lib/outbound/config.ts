import "server-only";
import { getEnv } from "@/lib/env";
import type { OutboundTargetDTO } from "./types";

export type OutboundConfig = { url: string; secret: string; pollSeconds: number };

/** The outbound webhook's settings, or null while the URL or the secret is unset (announcing is off). */
export function readOutboundConfig(): OutboundConfig | null {
  const env = getEnv();
  if (!env.OUTBOUND_WEBHOOK_URL || !env.OUTBOUND_WEBHOOK_SECRET) return null;
  return { url: env.OUTBOUND_WEBHOOK_URL, secret: env.OUTBOUND_WEBHOOK_SECRET, pollSeconds: env.OUTBOUND_POLL_SECONDS };
}

/** What admins may see of the target: its host, never the path, query or secret. */
export function outboundTarget(): OutboundTargetDTO {
  const config = readOutboundConfig();
  if (config) return { enabled: true, host: new URL(config.url).host, pollSeconds: config.pollSeconds };
  return { enabled: false, missing: getEnv().OUTBOUND_WEBHOOK_URL ? "OUTBOUND_WEBHOOK_SECRET" : "OUTBOUND_WEBHOOK_URL" };
}
