"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";

/** Every shortcut, for the help panel; a, d, r and Ctrl+Enter need a case you are working on. */
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

// An open modal (the image viewer) has keys of its own: r rotates there.
const inModal = (target: EventTarget | null) => target instanceof Element && target.closest("dialog[open]") !== null;

/**
 * Single-key shortcuts, ignored while typing; Ctrl/Cmd+Enter (`submit`) works everywhere.
 * Several components may listen at once (the page's n/j/k/?, the decision form's a/d/r):
 * each handles only its own keys. The handlers of the latest render answer, so a key pressed
 * right after typing sees what was typed.
 */
export function useShortcuts(handlers: Record<string, () => void>) {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || inModal(event.target)) return;
      const current = latest.current;
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
        if (!current["submit"]) return;
        event.preventDefault();
        current["submit"]();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const handler = current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** True once this component's shortcuts listen: tests (and nothing else) wait for it before pressing keys. */
export function useShortcutsReady(key: string): string | undefined {
  const [ready, setReady] = useState<string>();
  // Set from an effect on purpose: it must flip only after useShortcuts' effect has added the listener.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the one extra render is the signal
  useEffect(() => setReady(key), [key]);
  return ready;
}
