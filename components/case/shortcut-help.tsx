"use client";

import { SHORTCUTS } from "./shortcuts";

type Props = { open: boolean; onToggle: () => void; canDecide: boolean };

/** The "Keyboard shortcuts" button and the panel it opens (also opened with ?). */
export function ShortcutHelp({ open, onToggle, canDecide }: Props) {
  return (
    <div className="text-right text-sm">
      <button type="button" onClick={onToggle} className="text-slate-500 underline" aria-expanded={open} aria-controls="shortcut-help">
        Keyboard shortcuts (?)
      </button>
      {open ? (
        <div id="shortcut-help" data-testid="shortcut-help" className="mt-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-left">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            {SHORTCUTS.map(([key, label]) => (
              <div key={key} className="contents">
                <dt>
                  <kbd className="rounded border border-slate-300 bg-white px-1">{key}</kbd>
                </dt>
                <dd>{label}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-xs text-slate-600">
            {canDecide
              ? "a, d, r and Ctrl+Enter work on a case you are working on (claim it first, or press n)."
              : "Your role does not decide cases: a, d, r and n do nothing."}{" "}
            Keys are ignored while you type in a field; Esc closes this help.
          </p>
        </div>
      ) : null}
    </div>
  );
}
