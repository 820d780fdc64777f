import type { Sandbox } from "./app";
import { createPrng } from "./generate/prng";

/**
 * Demo mode: keeps the review queue alive. Every few seconds a new session arrives or an
 * existing one moves on, at a random provider, and its webhooks go to Verdict. A tick is skipped
 * while Verdict does not answer its health check, so no event is lost during a restart.
 */
export function startDemoLoop(sandbox: Sandbox, webhookTarget: string, intervalMs: number): void {
  const random = createPrng(Date.now() >>> 0).next;
  const health = new URL("/api/health", webhookTarget).toString();
  const providers = [...sandbox.providers.values()];
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const up = await fetch(health, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) return;
      const provider = providers[Math.floor(random() * providers.length)];
      if (!provider) return;
      const deliveries = random() < 0.4 ? provider.createSession().deliveries : provider.advanceRandom(random);
      await sandbox.deliverer.deliver(deliveries);
      for (const d of deliveries) console.log(`sandbox demo: ${d.provider} ${d.description}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
}
