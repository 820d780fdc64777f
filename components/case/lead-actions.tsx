"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";

type Props = {
  sessionId: string;
  version: number;
  providerName: string;
  canExpire: boolean;
  canRedact: boolean;
  expireAtProvider: boolean;
  redactAtProvider: boolean;
  expire: (input: { sessionId: string; version: number }) => Promise<ActionResult<{ atProvider: boolean }>>;
  redact: (input: { sessionId: string; confirmation: string }) => Promise<ActionResult<{ atProvider: boolean }>>;
};

/** Expire and redact, each behind a confirmation: neither can be undone. */
export function LeadActions({ sessionId, version, providerName, canExpire, canRedact, expireAtProvider, redactAtProvider, expire, redact }: Props) {
  const router = useRouter();
  const expireDialog = useRef<HTMLDialogElement>(null);
  const redactDialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const expirer = useServerAction(expire);
  const redactor = useServerAction(redact);
  if (!canExpire && !canRedact) return null;
  const close = (dialog: HTMLDialogElement | null, done: unknown) => {
    if (done === null) return;
    dialog?.close();
    router.refresh();
  };
  return (
    <div className="space-y-2 text-sm">
      <div className="flex gap-2">
        {canExpire ? (
          <button type="button" onClick={() => expireDialog.current?.showModal()} className="rounded-md border border-slate-300 px-3 py-1.5">
            Expire…
          </button>
        ) : null}
        {canRedact ? (
          <button type="button" onClick={() => redactDialog.current?.showModal()} className="rounded-md border border-rose-300 px-3 py-1.5 text-rose-800">
            Redact…
          </button>
        ) : null}
      </div>
      <dialog ref={expireDialog} aria-labelledby="expire-title" className="m-auto max-w-md rounded-lg p-5 backdrop:bg-black/30">
        <h2 id="expire-title" className="font-semibold">
          Expire this session?
        </h2>
        <p className="mt-2 text-sm text-slate-600">
          {expireAtProvider ? `${providerName} will be asked to expire it too.` : `${providerName} cannot expire sessions: it is expired in Verdict only.`} This
          cannot be undone.
        </p>
        {expirer.error ? <p className="mt-2 text-rose-800">{expirer.error.message}</p> : null}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => expireDialog.current?.close()} className="rounded-md border border-slate-300 px-3 py-1.5">
            Cancel
          </button>
          <button
            type="button"
            disabled={expirer.pending}
            onClick={() => void expirer.run({ sessionId, version }).then((d) => close(expireDialog.current, d))}
            className="rounded-md bg-slate-900 px-3 py-1.5 text-white"
          >
            Expire session
          </button>
        </div>
      </dialog>
      <dialog ref={redactDialog} aria-labelledby="redact-title" className="m-auto max-w-md rounded-lg p-5 backdrop:bg-black/30">
        <h2 id="redact-title" className="font-semibold">
          Redact all personal data?
        </h2>
        <p className="mt-2 text-sm text-slate-600">
          Names, dates, document data, images, comments and stored webhooks of this session are removed from Verdict
          {redactAtProvider ? `, and ${providerName} is asked to delete its copy` : ` (${providerName} has no deletion API)`}. The audit trail stays. This cannot be
          undone.
        </p>
        <label className="mt-3 block text-sm">
          Type <strong>REDACT</strong> to confirm
          <input value={typed} onChange={(e) => setTyped(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1" />
        </label>
        {redactor.error ? <p className="mt-2 text-rose-800">{redactor.error.message}</p> : null}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => redactDialog.current?.close()} className="rounded-md border border-slate-300 px-3 py-1.5">
            Cancel
          </button>
          <button
            type="button"
            disabled={typed !== "REDACT" || redactor.pending}
            onClick={() => void redactor.run({ sessionId, confirmation: typed }).then((d) => close(redactDialog.current, d))}
            className="rounded-md bg-rose-700 px-3 py-1.5 text-white disabled:opacity-50"
          >
            Redact
          </button>
        </div>
      </dialog>
    </div>
  );
}
