"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useNextCase, type NextCaseAction } from "@/components/queue/use-next-case";
import { FieldError } from "@/components/ui/field-error";
import { errorSummary, invalidProps, type FieldErrors } from "@/components/ui/field-errors";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";
import type { RouteKind } from "@/lib/review/case-types";
import { useShortcuts } from "./shortcuts";

type Action = "approve" | "decline" | "resubmit";
type DecideInput = { sessionId: string; version: number; action: Action; reasonCode: string; comment: string; idempotencyKey: string };

export type DecisionFormProps = {
  sessionId: string;
  version: number;
  providerName: string;
  routes: Record<Action, RouteKind>;
  reasons: Record<Action, { code: string; label: string }[]>;
  decide: (input: DecideInput) => Promise<ActionResult<{ state: string }>>;
  nextCase: NextCaseAction;
};

const LABELS: Record<Action, string> = { approve: "Approve", decline: "Decline", resubmit: "Request resubmission" };
const FIELD_LABELS = { action: "Decision", reasonCode: "Reason", comment: "Comment" };
// The same words as the server's schema (lib/review/decide.ts), so a field reads alike either way.
const MISSING = { reasonCode: "Choose a reason", comment: "Add a comment" };

/** a / d / r choose, Ctrl+Enter submits; n, j, k and ? belong to the page (case-shortcuts.tsx). */
export function DecisionForm({ sessionId, version, providerName, routes, reasons, decide, nextCase }: DecisionFormProps) {
  const router = useRouter();
  const [action, setAction] = useState<Action | null>(null);
  const [reasonCode, setReasonCode] = useState("");
  const [comment, setComment] = useState("");
  const [autoAdvance, setAutoAdvance] = useState(true);
  // Found before sending: the same shape as the server's answer, shown the same way.
  const [local, setLocal] = useState<FieldErrors | null>(null);
  // One key per attempt: a double click is the same decision, a retry after a failure a new one.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const reasonRef = useRef<HTMLSelectElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const decision = useServerAction(decide);
  const next = useNextCase(nextCase);

  const choose = (chosen: Action) => {
    // A key must not fail silently where a disabled button would show why.
    if (routes[chosen] === "unavailable") return setLocal({ action: [`${providerName} cannot take “${LABELS[chosen]}” with the configured credentials`] });
    setAction(chosen);
    setReasonCode("");
    setLocal(null);
    decision.clearError();
    setTimeout(() => reasonRef.current?.focus(), 0);
  };
  const submit = async () => {
    if (decision.pending) return;
    if (!action) return setLocal({ action: ["Choose approve, decline or resubmission first (a, d or r)"] });
    const missing: FieldErrors = {};
    if (!reasonCode) missing.reasonCode = [MISSING.reasonCode];
    if (!comment.trim()) missing.comment = [MISSING.comment];
    if (Object.keys(missing).length) {
      setLocal(missing);
      decision.clearError();
      (missing.reasonCode ? reasonRef : commentRef).current?.focus();
      return;
    }
    setLocal(null);
    const done = await decision.run({ sessionId, version, action, reasonCode, comment, idempotencyKey });
    if (!done) return setIdempotencyKey(crypto.randomUUID());
    if (autoAdvance) return next.go();
    router.refresh();
  };
  const handlers = { a: () => choose("approve"), d: () => choose("decline"), r: () => choose("resubmit"), submit: () => void submit() };
  useShortcuts(handlers);

  const stillMissing = local && Object.values(local).some((messages) => messages?.length) ? local : null;
  const shownError = stillMissing
    ? { code: "VALIDATION", message: "Check the highlighted fields.", fields: stillMissing as Record<string, string[]> }
    : (decision.error ?? next.error);
  const fields: FieldErrors = shownError?.fields ?? {};
  const summary = errorSummary(shownError, FIELD_LABELS);

  return (
    <form
      className="space-y-3"
      data-testid="decision-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="flex flex-wrap gap-2" role="radiogroup" aria-label="Decision" {...invalidProps("decision-action-error", fields.action)}>
        {(Object.keys(LABELS) as Action[]).map((key) => (
          <button
            key={key}
            type="button"
            role="radio"
            aria-checked={action === key}
            disabled={routes[key] === "unavailable"}
            title={
              routes[key] === "unavailable"
                ? `${providerName} cannot do this with the configured credentials`
                : routes[key] === "record"
                  ? `${providerName} has no decision API: Verdict records the decision and announces it`
                  : undefined
            }
            onClick={() => choose(key)}
            className={`rounded-md border px-3 py-1.5 text-sm disabled:cursor-not-allowed disabled:opacity-40 ${action === key ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}
          >
            {LABELS[key]}
          </button>
        ))}
      </div>
      <FieldError id="decision-action-error" messages={fields.action} />
      {action ? (
        <>
          {routes[action] === "record" ? (
            <p className="text-xs text-slate-600">{providerName} leaves this decision to you: Verdict records it and announces it on its outbound webhook.</p>
          ) : null}
          <label className="block text-sm font-medium">
            Reason
            <select
              ref={reasonRef}
              required
              value={reasonCode}
              onChange={(e) => {
                setReasonCode(e.target.value);
                setLocal((shown) => (shown ? { ...shown, reasonCode: undefined } : shown));
              }}
              {...invalidProps("decision-reason-error", fields.reasonCode)}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-rose-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-rose-600"
            >
              <option value="">Choose a reason…</option>
              {reasons[action].map((reason) => (
                <option key={reason.code} value={reason.code}>
                  {reason.label}
                </option>
              ))}
            </select>
            <FieldError id="decision-reason-error" messages={fields.reasonCode} />
          </label>
          <label className="block text-sm font-medium">
            Comment
            <textarea
              ref={commentRef}
              required
              value={comment}
              onChange={(e) => {
                setComment(e.target.value);
                setLocal((shown) => (shown ? { ...shown, comment: undefined } : shown));
              }}
              rows={3}
              maxLength={2000}
              {...invalidProps("decision-comment-error", fields.comment)}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-rose-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-rose-600"
            />
            <FieldError id="decision-comment-error" messages={fields.comment} />
          </label>
          <button type="submit" disabled={decision.pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
            {decision.pending ? "Sending…" : LABELS[action]}
          </button>
        </>
      ) : null}
      <div className="flex items-center gap-4 text-sm">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={autoAdvance} onChange={(e) => setAutoAdvance(e.target.checked)} /> Go to the next case after deciding
        </label>
        <button type="button" onClick={() => void next.go()} disabled={next.pending} className="underline">
          Next case
        </button>
      </div>
      {summary ? (
        <div role="alert" data-testid="decision-error" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {summary}
          {shownError?.code === "CONFLICT" ? (
            <button type="button" onClick={() => router.refresh()} className="ml-2 font-medium underline">
              Reload the case
            </button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
