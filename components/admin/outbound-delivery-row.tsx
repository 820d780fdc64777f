import type { OutboundDeliveryDTO } from "@/lib/outbound/types";
import { providerName } from "@/lib/sessions/provider-names";

type Props = { delivery: OutboundDeliveryDTO; busy: boolean; retrying: boolean; onRetry: () => void };

const time = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 19)} UTC` : "—");

function LastResult({ delivery }: { delivery: OutboundDeliveryDTO }) {
  if (delivery.attempts === 0) return <span className="text-slate-500">not sent yet</span>;
  if (!delivery.lastError) return <span>HTTP {delivery.lastStatus}</span>;
  return <span className="break-all text-rose-700">{delivery.lastError}</span>;
}

function NextOrDelivered({ delivery }: { delivery: OutboundDeliveryDTO }) {
  if (delivery.state === "delivered") return <>{time(delivery.deliveredAt)}</>;
  if (delivery.state === "pending") return <>next {time(delivery.nextAttemptAt)}</>;
  return <>—</>;
}

export function OutboundDeliveryRow({ delivery, busy, retrying, onRetry }: Props) {
  return (
    <tr data-testid="outbound-delivery" data-state={delivery.state}>
      <td className="px-3 py-2">
        <span className="font-medium">{delivery.eventType}</span>
        <code className="block text-xs text-slate-500">{delivery.eventId}</code>
      </td>
      <td className="px-3 py-2">
        {delivery.session ? (
          <>
            <span>{providerName(delivery.session.provider)}</span>
            <code className="block break-all text-xs text-slate-500">{delivery.session.providerSessionId}</code>
          </>
        ) : (
          "—"
        )}
      </td>
      <td className="px-3 py-2 capitalize">{delivery.state}</td>
      <td className="px-3 py-2 tabular-nums">{delivery.attempts}</td>
      <td className="max-w-xs px-3 py-2">
        <LastResult delivery={delivery} />
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-slate-600">{time(delivery.createdAt)}</td>
      <td className="whitespace-nowrap px-3 py-2 text-slate-600">
        <NextOrDelivered delivery={delivery} />
      </td>
      <td className="px-3 py-2">
        {delivery.state === "delivered" ? null : (
          <button
            type="button"
            onClick={onRetry}
            disabled={busy}
            className="whitespace-nowrap rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50 disabled:opacity-50"
          >
            {retrying ? "Retrying…" : "Retry now"}
            <span className="sr-only">
              : {delivery.eventType} {delivery.eventId}
            </span>
          </button>
        )}
      </td>
    </tr>
  );
}
