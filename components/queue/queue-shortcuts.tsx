"use client";

import { useState } from "react";
import { ShortcutHelp } from "@/components/case/shortcut-help";
import { useShortcuts, useShortcutsReady } from "@/components/case/shortcuts";
import { NextCaseButton } from "./next-case-button";
import { useNextCase, type NextCaseAction } from "./use-next-case";

type Props = { canDecide: boolean; nextCase: NextCaseAction };

const rows = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="queue-row"]'));

/** Focuses the link of the row `step` away from the focused one (the first or last if none is). */
function moveSelection(step: 1 | -1): boolean {
  const all = rows();
  if (all.length === 0) return false;
  const current = all.findIndex((row) => row.contains(document.activeElement));
  const target = current === -1 ? (step === 1 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, current + step));
  all[target]?.querySelector<HTMLElement>("a")?.focus();
  return true;
}

/**
 * The queue's keys: j / k move through the rows (the row's link takes the focus, so Enter
 * opens it and the row shows as selected), n claims the next case, ? shows the help.
 * The selection is the focus itself: k after j is back on the row you were on.
 */
export function QueueShortcuts({ canDecide, nextCase }: Props) {
  const next = useNextCase(nextCase);
  const [help, setHelp] = useState(false);
  const [note, setNote] = useState("");
  const keys: Record<string, () => void> = {
    n: () => (canDecide ? void next.go() : setNote("Your role does not work review cases.")),
    j: () => void (moveSelection(1) || setNote("The queue is empty.")),
    k: () => void (moveSelection(-1) || setNote("The queue is empty.")),
    "?": () => setHelp((shown) => !shown),
  };
  if (help) keys["Escape"] = () => setHelp(false);
  useShortcuts(keys);
  const ready = useShortcutsReady("queue");
  return (
    <div className="flex flex-col items-end gap-1" data-testid="queue-shortcuts" data-ready-for={ready}>
      {canDecide ? <NextCaseButton go={() => void next.go()} pending={next.pending} error={next.error} /> : null}
      <ShortcutHelp open={help} onToggle={() => setHelp((shown) => !shown)} canDecide={canDecide} />
      <p role="status" data-testid="shortcut-status" className="text-xs text-slate-600">
        {note}
      </p>
    </div>
  );
}
