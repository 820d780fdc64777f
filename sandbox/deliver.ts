import { corruptSignature, type FaultInjector } from "./faults";
import type { WebhookDelivery } from "./provider";

export type DeliveryRecord = {
  provider: string;
  description: string;
  status: number | null;
  attempts: number;
  badSignature: boolean;
  at: string;
};

export type Deliverer = {
  deliver: (deliveries: WebhookDelivery[]) => Promise<void>;
  log: () => DeliveryRecord[];
};

const MAX_ATTEMPTS = 3;
const LOG_SIZE = 500;

/**
 * Sends webhooks to Verdict as the providers do: one POST per event to
 * {target}/{provider}, retried on any non-2xx answer with growing pauses.
 */
export function createDeliverer(target: string | undefined, faults: FaultInjector, retryDelayMs = 1000): Deliverer {
  const records: DeliveryRecord[] = [];
  const remember = (record: DeliveryRecord) => {
    records.unshift(record);
    records.length = Math.min(records.length, LOG_SIZE);
  };

  async function deliverOne(delivery: WebhookDelivery): Promise<void> {
    const badSignature = faults.takeBadSignature(delivery.provider);
    const headers = badSignature ? corruptSignature(delivery.headers) : delivery.headers;
    const record: DeliveryRecord = {
      provider: delivery.provider,
      description: delivery.description,
      status: null,
      attempts: 0,
      badSignature,
      at: new Date().toISOString(),
    };
    remember(record);
    if (!target) return;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      record.attempts = attempt;
      try {
        const response = await fetch(`${target}/${delivery.provider}`, {
          method: "POST",
          headers,
          body: new Uint8Array(delivery.body),
          signal: AbortSignal.timeout(10_000),
        });
        record.status = response.status;
        await response.body?.cancel();
        // A rejected signature will not get better by sending it again.
        if (response.ok || response.status === 401) return;
      } catch {
        record.status = null;
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * attempt));
    }
  }

  return {
    // In order, one after another: later events about a session should not overtake earlier ones.
    deliver: async (deliveries) => {
      for (const delivery of deliveries) await deliverOne(delivery);
    },
    log: () => records,
  };
}
