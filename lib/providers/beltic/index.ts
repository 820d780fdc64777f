import "server-only";

export { createBelticAdapter, belticCapabilities, BELTIC_SCOPES, BELTIC_DEFAULT_BASE_URL } from "./adapter";
export type { BelticAdapterOptions, BelticScope } from "./adapter";
export type { BelticSignatureEncoding } from "./webhook";
export { BELTIC_STATUSES, BELTIC_STATUS_MAP, mapBelticStatus, mapBelticCheckResult } from "./status";
