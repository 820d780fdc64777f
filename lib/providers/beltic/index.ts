import "server-only";

export { createBelticAdapter, belticCapabilities, BELTIC_SCOPES, BELTIC_DEFAULT_BASE_URL } from "./adapter";
export type { BelticAdapterOptions, BelticScope } from "./adapter";
export type { BelticSignatureEncoding } from "./webhook";
export { BELTIC_STATUSES, BELTIC_STATUS_MAP, BELTIC_DECIDABLE_STATUSES, BELTIC_EXPIRABLE_STATUSES, mapBelticStatus, mapBelticCheckResult } from "./status";
