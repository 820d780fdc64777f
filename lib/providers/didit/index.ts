import "server-only";

export { createDiditAdapter, DIDIT_AUTH_BASE_URL } from "./adapter";
export type { DiditAdapterOptions, DiditV1Credentials, DiditV3Credentials } from "./adapter";
export { diditCapabilities, DIDIT_PRIVILEGES } from "./capabilities";
export type { DiditApiVersion, DiditPrivilege } from "./capabilities";
export { DIDIT_STATUSES, DIDIT_STATUS_MAP, mapDiditStatus, mapDiditCheckResult } from "./status";
export { createDiditWebhookHandler, DIDIT_WEBHOOK_TOLERANCE_SECONDS } from "./webhook";
