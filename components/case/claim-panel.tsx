"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";
import type { CaseDTO } from "@/lib/review/case-types";

type Ref = { sessionId: string };

export type ClaimPanelProps = {
  sessionId: string;
  viewerId: string;
  claim: { holderName: string; expiresAt: string; mine: boolean } | null;
  /** What the server accepts on this case for this viewer (lib/review/case-offers.ts). */
  can: Pick<CaseDTO["can"], "claim" | "renewClaim" | "release" | "takeOver" | "assign">;
  assignees: { id: string; name: string }[];
  claimCase: (input: Ref) => Promise<ActionResult<{ expiresAt: string }>>;
  release: (input: Ref) => Promise<ActionResult<void>>;
  assign: (input: Ref & { assigneeId: string }) => Promise<ActionResult<void>>;
};

const RENEW_EVERY_MS = 60_000;

/** Who holds the case; the holder's open page renews the lease so it does not lapse mid-review. */
export function ClaimPanel({ sessionId, viewerId, claim, can, assignees, claimCase, release, assign }: ClaimPanelProps) {
  const router = useRouter();
  const claimer = useServerAction(claimCase);
  const releaser = useServerAction(release);
  const assigner = useServerAction(assign);
  const [assignee, setAssignee] = useState("");
  const mine = claim?.mine ?? false;
  const renew = can.renewClaim;

  useEffect(() => {
    if (!renew) return;
    const timer = setInterval(() => void claimCase({ sessionId }), RENEW_EVERY_MS);
    return () => clearInterval(timer);
  }, [renew, sessionId, claimCase]);

  const after = (done: unknown) => done !== null && router.refresh();
  const error = claimer.error ?? releaser.error ?? assigner.error;
  return (
    <div className="space-y-2 text-sm" data-testid="claim-panel">
      {claim ? (
        <p>
          {mine ? "You are working on this case" : `${claim.holderName} is working on this case`} until {claim.expiresAt.slice(11, 16)} UTC.
        </p>
      ) : (
        <p className="text-slate-600">Nobody is working on this case.</p>
      )}
      <div className="flex flex-wrap gap-2">
        {can.claim ? (
          <button
            type="button"
            onClick={() => void claimer.run({ sessionId }).then(after)}
            disabled={claimer.pending}
            className="rounded-md bg-slate-900 px-3 py-1.5 text-white"
          >
            Claim this case
          </button>
        ) : null}
        {can.release ? (
          <button
            type="button"
            onClick={() => void releaser.run({ sessionId }).then(after)}
            disabled={releaser.pending}
            className="rounded-md border border-slate-300 px-3 py-1.5"
          >
            Release
          </button>
        ) : null}
        {can.takeOver ? (
          <button
            type="button"
            onClick={() => void assigner.run({ sessionId, assigneeId: viewerId }).then(after)}
            disabled={assigner.pending}
            className="rounded-md border border-slate-300 px-3 py-1.5"
          >
            Take over
          </button>
        ) : null}
      </div>
      {can.assign ? (
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void assigner.run({ sessionId, assigneeId: assignee }).then(after);
          }}
        >
          <label className="sr-only" htmlFor="assignee">
            Assign to
          </label>
          <select id="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1">
            <option value="">Assign to…</option>
            {assignees.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!assignee || assigner.pending} className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-50">
            Assign
          </button>
        </form>
      ) : null}
      {error ? (
        <p data-testid="claim-error" className="text-rose-800">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
