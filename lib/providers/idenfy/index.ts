import "server-only";

export { createIdenfyAdapter, idenfyCapabilities, IDENFY_DEFAULT_BASE_URL } from "./adapter";
export type { IdenfyAdapterOptions } from "./adapter";
export { IDENFY_STATUSES, IDENFY_STATUS_MAP, mapIdenfyStatus, mapIdenfyVerdict, mapIdenfyRiskLevel } from "./status";
export { verifyIdenfySignature, parseIdenfyWebhook, IDENFY_SIGNATURE_HEADER, IDENFY_EVENT_HEADER } from "./webhook";
