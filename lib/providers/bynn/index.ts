import "server-only";

export { BYNN_DEFAULT_BASE_URL, BYNN_DEFAULT_IDENTITY_DOCUMENT_PATH, bynnCapabilities, createBynnAdapter } from "./adapter";
export type { BynnAdapterOptions } from "./adapter";
export { BYNN_STATUS_MAP, bynnEventSettlesStatus, mapBynnCheckResult, mapBynnStatus } from "./status";
