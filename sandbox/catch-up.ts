import type { Sandbox } from "./app";

/**
 * Waits until Verdict answers, then sends the latest webhook of every session of the providers
 * that cannot be listed (Bynn), so a Verdict started after the sandbox learns them too.
 */
export async function catchUpWhenReady(sandbox: Sandbox, webhookTarget: string, onDone: () => void): Promise<void> {
  const health = new URL("/api/health", webhookTarget).toString();
  for (;;) {
    const up = await fetch(health, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (const provider of sandbox.providers.values()) {
    if (!provider.replay) continue;
    const deliveries = provider.replay();
    await sandbox.deliverer.deliver(deliveries);
    console.log(`sandbox: sent ${deliveries.length} ${provider.id} webhooks to catch Verdict up`);
  }
  onDone();
}
