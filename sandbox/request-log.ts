import type { SandboxProviderId } from "./provider";

/** One provider API request as it reached the sandbox (before any armed fault). */
export type ApiRequestRecord = { at: string; provider: SandboxProviderId; method: string; path: string; fault: string | null };

export type RequestLog = {
  record: (entry: Omit<ApiRequestRecord, "at">) => void;
  /** Newest first. */
  list: () => ApiRequestRecord[];
};

const LOG_SIZE = 5_000;

/** What the providers were asked, so tests can tell how often a decision reached a provider. */
export function createRequestLog(): RequestLog {
  const records: ApiRequestRecord[] = [];
  return {
    record(entry) {
      records.unshift({ at: new Date().toISOString(), ...entry });
      records.length = Math.min(records.length, LOG_SIZE);
    },
    list: () => records,
  };
}
