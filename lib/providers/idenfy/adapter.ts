import "server-only";
import { z } from "zod";
import type { ZodType } from "zod";
import { ProviderError } from "../errors";
import { buildCapabilities, defineAdapter, requireSessionId } from "../kit/adapter";
import type { ActionTable } from "../kit/adapter";
import { numberParamOf, parseNumberCursor } from "../kit/paging";
import { DEFAULT_PROVIDER_TIMEOUT_MS } from "../kit/transport";
import type { Capabilities, ProviderAction, ProviderAdapter } from "../types";
import { PROVIDER_ACTIONS } from "../types";
import { downloadMedia, fileUrlOf, filesOf } from "./media";
import { normalizeRow, normalizeVerification } from "./normalize";
import type { NormalizeOptions } from "./normalize";
import { IdenfyData, IdenfyFiles, IdenfyIdentificationList, IdenfyRequestInformation, IdenfyStatusResponse } from "./schemas";
import { idenfyTransport } from "./transport";
import { createIdenfyWebhookHandler } from "./webhook";
import { PROVIDER_NAMES } from "@/lib/sessions/provider-names";

export const IDENFY_DEFAULT_BASE_URL = "https://ivs.idenfy.com";

export type IdenfyAdapterOptions = {
  /** HTTP Basic username. */
  apiKey: string;
  /** HTTP Basic password. */
  apiSecret: string;
  /** https://ivs.idenfy.com, or the sandbox's http://127.0.0.1:4010/idenfy */
  baseUrl?: string;
  timeoutMs?: number;
  retries?: number;
  /**
   * Signs the callbacks. Older docs say the API secret, current ones a per-webhook signing key
   * (Dashboard → Settings → Notifications); the caller decides. No secret, no webhook handler.
   */
  webhookSecret?: string;
  /** perPage for GET /kyc/identifications/. */
  pageSize?: number;
  /** `lifetime` of a resubmission link, seconds (iDenfy: default 86400, max 2592000). */
  resubmitLifetimeSeconds?: number;
  /** Whether iDenfy's manual review is enabled for the account (AUTO_UNVERIFIABLE then waits for it). */
  manualReview?: boolean;
  /** UNCONFIRMED: where the token's expected values sit in a status response; null = top level. */
  expectedDataKey?: string | null;
  /** iDenfy keys carry no documented scopes; this narrows what Verdict may call with this key. */
  allowedActions?: readonly ProviderAction[];
};

const OFFERED: ActionTable<boolean> = {
  list: true,
  get: true,
  approve: false,
  decline: false,
  resubmit: true,
  expire: false,
  redact: true,
  media: true,
};

const messagesFor = (hasCredentials: boolean) => ({
  unsupported: {
    approve: "iDenfy has no API to approve a verification: iDenfy leaves the decision to the customer, so Verdict records it.",
    decline: "iDenfy has no API to decline a verification: iDenfy leaves the decision to the customer, so Verdict records it.",
    expire: "iDenfy has no API to expire a verification: its tokens expire on their own (expiryTime / sessionLength).",
  },
  unsupportedOtherwise: (action: ProviderAction) => `iDenfy has no API to ${action} a verification.`,
  notAllowed: (action: ProviderAction) =>
    hasCredentials ? `The configured iDenfy key is not allowed to ${action} in Verdict.` : "No iDenfy API key and secret are configured.",
});

const keyMayCall = (hasCredentials: boolean, allowedActions: readonly ProviderAction[]) => (action: ProviderAction) =>
  hasCredentials && allowedActions.includes(action);

export function idenfyCapabilities(hasCredentials: boolean, allowedActions: readonly ProviderAction[]): Capabilities {
  return buildCapabilities(OFFERED, keyMayCall(hasCredentials, allowedActions));
}

/** Statuses with no submitted verification behind them: /api/v2/data and /files have nothing to give. */
const WITHOUT_VERIFICATION = ["ACTIVE", "EXPIRED", "EXPIRED-DELETED", "DELETED", "ARCHIVED"];
const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_RESUBMIT_LIFETIME = 86_400;
const PAGE = /^[1-9]\d{0,8}$/;

export function createIdenfyAdapter(options: IdenfyAdapterOptions): ProviderAdapter {
  const baseUrl = options.baseUrl ?? IDENFY_DEFAULT_BASE_URL;
  const hasCredentials = Boolean(options.apiKey && options.apiSecret);
  const normalizeOptions: NormalizeOptions = {
    expectedDataKey: options.expectedDataKey ?? null,
    manualReview: options.manualReview ?? true,
  };
  const send = idenfyTransport({ baseUrl, timeoutMs: options.timeoutMs, retries: options.retries }, options);
  const byScanRef = <T>(path: string, schema: ZodType<T>, scanRef: string, retries?: number) =>
    send({ path, schema, method: "POST", body: { scanRef: requireSessionId("idenfy", "iDenfy", scanRef, "scanRef") }, retries });

  return defineAdapter({
    id: "idenfy",
    displayName: PROVIDER_NAMES.idenfy,
    offered: OFFERED,
    allowedByKey: keyMayCall(hasCredentials, options.allowedActions ?? PROVIDER_ACTIONS),
    messages: messagesFor(hasCredentials),
    operations: {
      async listSessions(cursor) {
        const page = parseNumberCursor(cursor, { provider: "idenfy", providerName: "iDenfy", first: 1, pattern: PAGE });
        const perPage = options.pageSize ?? DEFAULT_PAGE_SIZE;
        const list = await send({ path: "/kyc/identifications/", schema: IdenfyIdentificationList, query: { page, perPage } });
        const sessions = list.results.map((row) => normalizeRow(row, normalizeOptions));
        return { sessions, nextCursor: list.next && sessions.length > 0 ? String(nextPage(list.next, page)) : null };
      },
      async getSession(scanRef) {
        const status = await byScanRef("/api/v2/status", IdenfyStatusResponse, scanRef);
        if (WITHOUT_VERIFICATION.includes(status.status)) return normalizeVerification(status, null, null, normalizeOptions);
        const [data, files] = await Promise.all([byScanRef("/api/v2/data", IdenfyData, scanRef), byScanRef("/api/v2/files", IdenfyFiles, scanRef)]);
        return normalizeVerification(status, data, filesOf(files), normalizeOptions);
      },
      // Only resubmit reaches here: approve and decline are not offered, so the guard refuses them.
      async decide(scanRef) {
        const lifetime = options.resubmitLifetimeSeconds ?? DEFAULT_RESUBMIT_LIFETIME;
        const id = requireSessionId("idenfy", "iDenfy", scanRef, "scanRef");
        const path = `/kyc/identifications/${encodeURIComponent(id)}/request-information/`;
        await send({ path, schema: IdenfyRequestInformation, method: "POST", body: { lifetime }, retries: 0 });
        // sessionUrl/tokenString let anyone continue the applicant's session: not kept as evidence.
        return { providerResponse: { scanRef, action: "request-information", lifetime, sessionUrlIssued: true } };
      },
      async redact(scanRef) {
        await byScanRef("/api/v2/delete", z.unknown(), scanRef, 0);
        return { providerResponse: { scanRef, deleted: true } };
      },
      async fetchMedia(scanRef, mediaKey) {
        // The links expire, so each view asks iDenfy for fresh ones.
        const files = filesOf(await byScanRef("/api/v2/files", IdenfyFiles, scanRef));
        const url = fileUrlOf(files, mediaKey);
        if (!url) throw new ProviderError("idenfy", "not_found", "iDenfy holds no such file for this verification.");
        return downloadMedia(url, options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS);
      },
    },
    ...(options.webhookSecret ? { webhook: createIdenfyWebhookHandler({ secret: options.webhookSecret, manualReview: normalizeOptions.manualReview }) } : {}),
  });
}

/** Follows DRF's own `next` link when it moves forward; otherwise the page after this one. */
function nextPage(link: string, page: number): number {
  const linked = numberParamOf(link, "page", PAGE) ?? 0;
  return linked > page ? linked : page + 1;
}
