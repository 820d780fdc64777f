import "server-only";

export { createDiditAdapter, DIDIT_AUTH_BASE_URL, diditCapabilities, DIDIT_PRIVILEGES } from "./adapter";
export type { DiditAdapterOptions, DiditApiVersion, DiditPrivilege, DiditV1Credentials, DiditV3Credentials } from "./adapter";
export { DIDIT_STATUSES, DIDIT_STATUS_MAP, mapDiditStatus, mapDiditCheckResult } from "./status";
export { createDiditWebhookHandler, DIDIT_WEBHOOK_TOLERANCE_SECONDS } from "./webhook";
