import "server-only";

/**
 * Asks the job runner (lib/jobs/runner.ts) to run a job now instead of at its next poll:
 * called right after work for it was stored (a webhook queued, an audit row appended).
 * In-process only; other instances find the work at their next poll of the jobs table.
 */
type Listener = (name: string) => void;

const holder = globalThis as unknown as { __verdictJobWake?: Set<Listener> };
const listeners = (holder.__verdictJobWake ??= new Set<Listener>());

export function wakeJob(name: string): void {
  for (const listener of listeners) listener(name);
}

export function onJobWake(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
