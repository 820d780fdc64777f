/**
 * How finely Didit's clock tells events apart. Webhook `created_at` / `timestamp` are Unix
 * seconds, while the decision's review times carry microseconds: ordering webhooks against a
 * synced copy can only trust whole seconds. Pure data: the sync layer reads it by provider id.
 */
export const DIDIT_CLOCK_PRECISION_MS = 1000;
