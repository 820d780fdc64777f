import { providerName } from "@/lib/sessions/provider-names";

/** What the admin jobs page receives for one job (client-safe: no rows, no instance internals beyond its id). */
export type JobDTO = {
  name: string;
  label: string;
  state: "idle" | "queued" | "running" | "failed";
  /** Running, but its instance stopped renewing the lease: another instance takes it over. */
  leaseExpired: boolean;
  everyMs: number | null;
  attempts: number;
  maxAttempts: number | null;
  nextRunAt: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
  lastResult: string | null;
  runningOn: string | null;
};

const LABELS: Record<string, string> = {
  "audit.seal": "Seal the audit chain",
  "webhooks.apply": "Apply received webhooks",
  "decisions.reconcile": "Settle interrupted decisions",
  "outbound.deliver": "Send outbound webhooks",
  "counts.fold": "Fold the status counters",
};

/** The sentence an admin reads for a job name; `sync.<provider>` names its provider. */
export function jobLabel(name: string): string {
  if (name.startsWith("sync.")) return `Sync ${providerName(name.slice("sync.".length))}`;
  return LABELS[name] ?? name;
}

/** A run's summary as one line ("sealed 12, remaining no"): the jobs only put counts and flags in it. */
export function formatResult(result: Record<string, unknown> | null): string | null {
  if (!result) return null;
  const parts = Object.entries(result)
    .filter(([, value]) => ["number", "string", "boolean"].includes(typeof value))
    .map(([key, value]) => `${key} ${String(value)}`);
  return parts.length > 0 ? parts.join(", ") : "done";
}
