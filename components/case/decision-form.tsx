"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";
import type { RouteKind } from "@/lib/review/case-types";
import { SHORTCUTS, useShortcuts } from "./shortcuts";

type Action = "approve" | "decline" | "resubmit";
type DecideInput = { sessionId: string; version: number; action: Action; reasonCode: string; comment: string; idempotencyKey: string };

export type DecisionFormProps = {
  sessionId: string;
  version: number;
  providerName: string;
  routes: Record<Action, RouteKind>;
  reasons: Record<Action, { code: string; label: string }[]>;
  neighbors: { previous: string | null; next: string | null };
  decide: (input: DecideInput) => Promise<ActionResult<{ state: string }>>;
  nextCase: (input: Record<string, never>) => Promise<ActionResult<{ sessionId: string | null }>>;
};

const LABELS: Record<Action, string> = { approve: "Approve", decline: "Decline", resubmit: "Request resubmission" };

export function DecisionForm({ sessionId, version, providerName, routes, reasons, neighbors, decide, nextCase }: DecisionFormProps) {
  const router = useRouter();
  const [action, setAction] = useState<Action | null>(null);
  const [reasonCode, setReasonCode] = useState("");
  const [comment, setComment] = useState("");
  const [autoAdvance, setAutoAdvance] = useState(true);
  const [help, setHelp] = useState(false);
  // One key per attempt: a double click is the same decision, a retry after a failure a new one.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const reasonRef = useRef<HTMLSelectElement>(null);
  const decision = useServerAction(decide);
  const next = useServerAction(nextCase);

  const goNext = async () => {
    const claimed = await next.run({});
    if (claimed?.sessionId) router.push(`/sessions/${claimed.sessionId}`);
    else if (claimed) router.push("/queue?empty=1");
  };
  const choose = (chosen: Action) => {
    if (routes[chosen] === "unavailable") return;
    setAction(chosen);
    setReasonCode("");
    setTimeout(() => reasonRef.current?.focus(), 0);
  };
  const submit = async () => {
    if (!action || decision.pending) return;
    const done = await decision.run({ sessionId, version, action, reasonCode, comment, idempotencyKey });
    if (!done) return setIdempotencyKey(crypto.randomUUID());
    if (autoAdvance) return goNext();
    router.refresh();
  };
  const handlers = useMemo(
    () => ({
      a: () => choose("approve"),
      d: () => choose("decline"),
      r: () => choose("resubmit"),
      n: () => void goNext(),
      j: () => neighbors.next && router.push(`/sessions/${neighbors.next}`),
      k: () => neighbors.previous && router.push(`/sessions/${neighbors.previous}`),
      "?": () => setHelp((shown) => !shown),
      submit: () => void submit(),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- handlers read the latest state on each render
    [action, reasonCode, comment, autoAdvance, idempotencyKey, decision.pending],
  );
  useShortcuts(handlers);
  const error = decision.error ?? next.error;

  return (
    <form
      className="space-y-3"
      data-testid="decision-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="flex flex-wrap gap-2" role="radiogroup" aria-label="Decision">
        {(Object.keys(LABELS) as Action[]).map((key) => (
          <button
            key={key}
            type="button"
            role="radio"
            aria-checked={action === key}
            disabled={routes[key] === "unavailable"}
            title={routes[key] === "unavailable" ? `${providerName} cannot do this with the configured credentials` : routes[key] === "record" ? `${providerName} has no decision API: Verdict records the decision and announces it` : undefined}
            onClick={() => choose(key)}
            className={`rounded-md border px-3 py-1.5 text-sm disabled:cursor-not-allowed disabled:opacity-40 ${action === key ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}
          >
            {LABELS[key]}
          </button>
        ))}
      </div>
      {action ? (
        <>
          {routes[action] === "record" ? <p className="text-xs text-slate-600">{providerName} leaves this decision to you: Verdict records it and announces it on its outbound webhook.</p> : null}
          <label className="block text-sm font-medium">
            Reason
            <select ref={reasonRef} required value={reasonCode} onChange={(e) => setReasonCode(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm">
              <option value="">Choose a reason…</option>
              {reasons[action].map((reason) => (
                <option key={reason.code} value={reason.code}>
                  {reason.label}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium">
            Comment
            <textarea required value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={2000} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
          </label>
          <button type="submit" disabled={decision.pending || !reasonCode || !comment.trim()} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
            {decision.pending ? "Sending…" : LABELS[action]}
          </button>
        </>
      ) : null}
      <div className="flex items-center gap-4 text-sm">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={autoAdvance} onChange={(e) => setAutoAdvance(e.target.checked)} /> Go to the next case after deciding
        </label>
        <button type="button" onClick={() => void goNext()} disabled={next.pending} className="underline">
          Next case
        </button>
        <button type="button" onClick={() => setHelp((shown) => !shown)} className="text-slate-500 underline" aria-expanded={help}>
          Shortcuts (?)
        </button>
      </div>
      {error ? (
        <div role="alert" data-testid="decision-error" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error.message}
          {error.code === "CONFLICT" ? (
            <button type="button" onClick={() => router.refresh()} className="ml-2 font-medium underline">
              Reload the case
            </button>
          ) : null}
        </div>
      ) : null}
      {help ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="shortcut-help">
          {SHORTCUTS.map(([key, label]) => (
            <div key={key} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 bg-white px-1">{key}</kbd>
              </dt>
              <dd>{label}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </form>
  );
}
