"use client";

import { useEffect } from "react";

export const SHORTCUTS: [string, string][] = [
  ["a", "Approve"],
  ["d", "Decline"],
  ["r", "Request resubmission"],
  ["Ctrl+Enter", "Submit the decision"],
  ["n", "Next case (claims it)"],
  ["j / k", "Next / previous case in the queue"],
  ["?", "Show or hide this help"],
];

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Single-key shortcuts, ignored while typing; Ctrl/Cmd+Enter works everywhere. */
export function useShortcuts(handlers: Record<string, () => void>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
        event.preventDefault();
        handlers["submit"]?.();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [handlers]);
}
