"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { OutboundDeliveryDTO } from "@/lib/outbound/types";
import { OutboundDeliveryRow } from "./outbound-delivery-row";

type Props = {
  deliveries: OutboundDeliveryDTO[];
  retry: (input: { id: string }) => Promise<ActionResult<{ id: string; state: "pending" }>>;
};

const REFRESH_MS = 10_000;

/** The latest deliveries; re-renders from the server every few seconds so the worker's progress shows. */
export function OutboundDeliveriesTable({ deliveries, retry }: Props) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [retrying, setRetrying] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [router]);

  const onRetry = (id: string) => {
    setRetrying(id);
    setMessage(null);
    startTransition(async () => {
      const result = await retry({ id });
      setMessage(result.ok ? "Queued: it goes out on the next poll." : result.error.message);
      setRetrying(null);
    });
  };

  if (deliveries.length === 0) {
    return <p className="text-sm text-slate-600">No events yet: confirmed and recorded decisions, expiries and redactions appear here.</p>;
  }
  return (
    <div className="space-y-2">
      {message ? (
        <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="outbound-message">
          {message}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="outbound-deliveries">
          <caption className="sr-only">The latest 100 outbound webhook deliveries, newest first</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-3 py-2">Event</th>
              <th className="px-3 py-2">Session</th>
              <th className="px-3 py-2">State</th>
              <th className="px-3 py-2">Attempts</th>
              <th className="px-3 py-2">Last result</th>
              <th className="px-3 py-2">Created</th>
              <th className="px-3 py-2">Delivered / next</th>
              <th className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {deliveries.map((delivery) => (
              <OutboundDeliveryRow key={delivery.id} delivery={delivery} busy={busy} retrying={retrying === delivery.id} onRetry={() => onRetry(delivery.id)} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
