"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useNextCase, type NextCaseAction } from "@/components/queue/use-next-case";
import { ShortcutHelp } from "./shortcut-help";
import { useShortcuts, useShortcutsReady } from "./shortcuts";

type Props = {
  sessionId: string;
  /** Where j and k go: the queue's neighbours, or the case j / k came from. */
  neighbors: { previous: string | null; next: string | null };
  canDecide: boolean;
  nextCase: NextCaseAction;
};

/**
 * n, j, k and ? on any case page, claimed or not. j and k say where they came from in the
 * URL (?prev= / ?next=), so k after j returns to the case you were on even when that case
 * has left the queue (just decided) or was never in it.
 */
export function CaseShortcuts({ sessionId, neighbors, canDecide, nextCase }: Props) {
  const router = useRouter();
  const next = useNextCase(nextCase);
  const [help, setHelp] = useState(false);
  const [note, setNote] = useState("");
  const keys: Record<string, () => void> = {
    n: () => (canDecide ? void next.go() : setNote("Your role does not work review cases.")),
    j: () => (neighbors.next ? router.push(`/sessions/${neighbors.next}?prev=${sessionId}`) : setNote("No later case in the queue.")),
    k: () => (neighbors.previous ? router.push(`/sessions/${neighbors.previous}?next=${sessionId}`) : setNote("No earlier case in the queue.")),
    "?": () => setHelp((shown) => !shown),
  };
  if (help) keys["Escape"] = () => setHelp(false);
  useShortcuts(keys);
  const ready = useShortcutsReady(sessionId);
  const message = next.error?.message ?? note;
  return (
    <div className="space-y-1" data-testid="case-shortcuts" data-ready-for={ready}>
      <ShortcutHelp open={help} onToggle={() => setHelp((shown) => !shown)} canDecide={canDecide} />
      <p role="status" data-testid="shortcut-status" className="text-xs text-slate-600">
        {next.pending ? "Claiming the next case…" : message}
      </p>
    </div>
  );
}
