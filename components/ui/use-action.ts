"use client";

import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

export type ActionError = { code: string; message: string; fields?: Record<string, string[]> };

/** Runs a server action from a client component and keeps its pending state and error. */
export function useServerAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const run = useCallback(
    (input: I) =>
      new Promise<T | null>((resolve) => {
        startTransition(async () => {
          setError(null);
          try {
            const result = await action(input);
            if (result.ok) return resolve(result.data);
            setError(result.error);
          } catch {
            // The request itself failed (network, server restart): nothing was confirmed.
            setError({ code: "NETWORK", message: "Verdict could not be reached. Check your connection and try again." });
          }
          resolve(null);
        });
      }),
    [action],
  );
  return { run, pending, error, clearError: () => setError(null) };
}
