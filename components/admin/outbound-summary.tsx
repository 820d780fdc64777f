import { DELIVERY_STATES, type DeliveryState, type OutboundTargetDTO } from "@/lib/outbound/types";

type Props = { target: OutboundTargetDTO; counts: Record<DeliveryState, number> };

const STATE_STYLES: Record<DeliveryState, string> = {
  pending: "text-amber-800",
  delivered: "text-emerald-800",
  failed: "text-rose-800",
};

function TargetLine({ target }: { target: OutboundTargetDTO }) {
  if (!target.enabled) {
    return (
      <p className="text-amber-800">
        Disabled: <code className="rounded bg-slate-100 px-1">{target.missing}</code> is not set. Events are queued (pending) and go out once the webhook is
        configured.
      </p>
    );
  }
  return (
    <p className="text-slate-700">
      Sending to <code className="rounded bg-slate-100 px-1">{target.host}</code>, checked every {target.pollSeconds} s.
    </p>
  );
}

export function OutboundSummary({ target, counts }: Props) {
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-label="Target and totals">
      <div data-testid="outbound-target">
        <TargetLine target={target} />
      </div>
      <dl className="flex gap-8" data-testid="outbound-counts">
        {DELIVERY_STATES.map((state) => (
          <div key={state}>
            <dt className="text-xs uppercase tracking-wide text-slate-500">{state}</dt>
            <dd className={`text-xl font-semibold ${STATE_STYLES[state]}`} data-state={state}>
              {counts[state]}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
