import type { ProviderStatusDTO } from "@/lib/sync/sync-status";

export const ACTIONS = ["list", "get", "approve", "decline", "resubmit", "expire", "redact", "media"] as const;

/** The provider health DTO (type only: nothing from the server module reaches the browser). */
export type ProviderStatusRow = ProviderStatusDTO;
