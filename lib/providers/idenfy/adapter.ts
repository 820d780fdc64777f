import "server-only";
import { z } from "zod";
import type { ZodType } from "zod";
import { ProviderError } from "../errors";
import { providerFetch } from "../http";
import type { HttpMethod } from "../http";
import type { Capabilities, DecisionRequest, ProviderAction, ProviderAdapter, ProviderCallResult, SessionPage } from "../types";
import { PROVIDER_ACTIONS } from "../types";
import { fileUrlOf } from "./documents";
import { downloadMedia } from "./media";
import { normalizeRow, normalizeVerification } from "./normalize";
import type { NormalizeOptions } from "./normalize";
import { IdenfyData, IdenfyFiles, IdenfyIdentificationList, IdenfyRequestInformation, IdenfyStatusResponse } from "./schemas";
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

const IDENFY_OFFERED: Record<ProviderAction, boolean> = {
  list: true,
  get: true,
  approve: false,
  decline: false,
  resubmit: true,
  expire: false,
  redact: true,
  media: true,
};

const UNSUPPORTED: Partial<Record<ProviderAction, string>> = {
  approve: "iDenfy has no API to approve a verification: iDenfy leaves the decision to the customer, so Verdict records it.",
  decline: "iDenfy has no API to decline a verification: iDenfy leaves the decision to the customer, so Verdict records it.",
  expire: "iDenfy has no API to expire a verification: its tokens expire on their own (expiryTime / sessionLength).",
};

/** Statuses with no submitted verification behind them: /api/v2/data and /files have nothing to give. */
const WITHOUT_VERIFICATION = ["ACTIVE", "EXPIRED", "EXPIRED-DELETED", "DELETED", "ARCHIVED"];
const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_RESUBMIT_LIFETIME = 86_400;
const DEFAULT_MEDIA_TIMEOUT_MS = 15_000;

type Call<T> = {
  action: ProviderAction;
  path: string;
  schema: ZodType<T>;
  method?: HttpMethod;
  body?: unknown;
  query?: Record<string, number>;
  retries?: number;
};

export function createIdenfyAdapter(options: IdenfyAdapterOptions): ProviderAdapter {
  const baseUrl = options.baseUrl ?? IDENFY_DEFAULT_BASE_URL;
  const hasCredentials = Boolean(options.apiKey && options.apiSecret);
  const capabilities = idenfyCapabilities(hasCredentials, options.allowedActions ?? PROVIDER_ACTIONS);
  const normalizeOptions: NormalizeOptions = {
    expectedDataKey: options.expectedDataKey ?? null,
    manualReview: options.manualReview ?? true,
  };
  const secrets = [options.apiKey, options.apiSecret].filter((secret) => secret.length >= 4);

  const call = async <T>({ action, path, schema, method, body, query, retries }: Call<T>): Promise<T> => {
    assertAllowed(capabilities, action, hasCredentials);
    const authorization = `Basic ${Buffer.from(`${options.apiKey}:${options.apiSecret}`, "utf8").toString("base64")}`;
    try {
      return await providerFetch({
        provider: "idenfy",
        providerName: "iDenfy",
        baseUrl,
        path,
        method,
        body,
        query,
        headers: { authorization },
        schema,
        timeoutMs: options.timeoutMs,
        retries: retries ?? options.retries,
      });
    } catch (error) {
      throw withProviderText(error, secrets);
    }
  };
  const byScanRef = <T>(action: ProviderAction, path: string, schema: ZodType<T>, scanRef: string, retries?: number) =>
    call({ action, path, schema, method: "POST", body: { scanRef }, retries });

  return {
    id: "idenfy",
    displayName: PROVIDER_NAMES.idenfy,
    capabilities: () => capabilities,
    async listSessions(cursor): Promise<SessionPage> {
      const page = parseCursor(cursor);
      const perPage = options.pageSize ?? DEFAULT_PAGE_SIZE;
      const query = { page, perPage };
      const list = await call({ action: "list", path: "/kyc/identifications/", schema: IdenfyIdentificationList, query });
      const sessions = list.results.map((row) => normalizeRow(row, normalizeOptions));
      return { sessions, nextCursor: list.next && sessions.length > 0 ? String(nextPage(list.next, page)) : null };
    },
    async getSession(scanRef) {
      assertScanRef(scanRef);
      const status = await byScanRef("get", "/api/v2/status", IdenfyStatusResponse, scanRef);
      if (WITHOUT_VERIFICATION.includes(status.status)) return normalizeVerification(status, null, null, normalizeOptions);
      const [data, files] = await Promise.all([
        byScanRef("get", "/api/v2/data", IdenfyData, scanRef),
        byScanRef("get", "/api/v2/files", IdenfyFiles, scanRef),
      ]);
      return normalizeVerification(status, data, filesOf(files), normalizeOptions);
    },
    async decide(scanRef, request: DecisionRequest): Promise<ProviderCallResult> {
      assertAllowed(capabilities, request.action, hasCredentials);
      assertScanRef(scanRef);
      const lifetime = options.resubmitLifetimeSeconds ?? DEFAULT_RESUBMIT_LIFETIME;
      const path = `/kyc/identifications/${encodeURIComponent(scanRef)}/request-information/`;
      await call({ action: "resubmit", path, schema: IdenfyRequestInformation, method: "POST", body: { lifetime }, retries: 0 });
      // sessionUrl/tokenString let anyone continue the applicant's session: not kept as evidence.
      return { providerResponse: { scanRef, action: "request-information", lifetime, sessionUrlIssued: true } };
    },
    async expire() {
      assertAllowed(capabilities, "expire", hasCredentials);
      throw new ProviderError("idenfy", "unsupported", UNSUPPORTED.expire ?? "Not supported by iDenfy.");
    },
    async redact(scanRef) {
      assertAllowed(capabilities, "redact", hasCredentials);
      assertScanRef(scanRef);
      await byScanRef("redact", "/api/v2/delete", z.unknown(), scanRef, 0);
      return { providerResponse: { scanRef, deleted: true } };
    },
    async fetchMedia(scanRef, mediaKey) {
      assertAllowed(capabilities, "media", hasCredentials);
      assertScanRef(scanRef);
      // The links expire, so each view asks iDenfy for fresh ones.
      const files = filesOf(await byScanRef("media", "/api/v2/files", IdenfyFiles, scanRef));
      const url = fileUrlOf(files, mediaKey);
      if (!url) throw new ProviderError("idenfy", "not_found", "iDenfy holds no such file for this verification.");
      return downloadMedia(url, options.timeoutMs ?? DEFAULT_MEDIA_TIMEOUT_MS);
    },
    ...(options.webhookSecret
      ? { webhook: createIdenfyWebhookHandler({ secret: options.webhookSecret, manualReview: normalizeOptions.manualReview }) }
      : {}),
  };
}

export function idenfyCapabilities(hasCredentials: boolean, allowedActions: readonly ProviderAction[]): Capabilities {
  const allowedByKey = Object.fromEntries(
    PROVIDER_ACTIONS.map((action) => [action, hasCredentials && IDENFY_OFFERED[action] && allowedActions.includes(action)]),
  ) as Record<ProviderAction, boolean>;
  return { offered: { ...IDENFY_OFFERED }, allowedByKey };
}

/** Refuses before any request: first what iDenfy does not offer, then what this key may not do. */
function assertAllowed(capabilities: Capabilities, action: ProviderAction, hasCredentials: boolean): void {
  if (!capabilities.offered[action]) {
    throw new ProviderError("idenfy", "unsupported", UNSUPPORTED[action] ?? `iDenfy has no API to ${action} a verification.`);
  }
  if (!hasCredentials) throw new ProviderError("idenfy", "auth", "No iDenfy API key and secret are configured.");
  if (!capabilities.allowedByKey[action]) {
    throw new ProviderError("idenfy", "auth", `The configured iDenfy key is not allowed to ${action} in Verdict.`);
  }
}

function assertScanRef(scanRef: string): void {
  if (!scanRef) throw new ProviderError("idenfy", "not_found", "No iDenfy scanRef was given.");
}

/**
 * A refusal is only useful to a reviewer with iDenfy's reason ("Token has not expired yet."), so
 * it goes into the message. providerFetch scrubs the Basic header it sent, not the key and secret
 * inside it, so those are scrubbed here in case iDenfy echoes them.
 */
function withProviderText(error: unknown, secrets: string[]): unknown {
  const text = error instanceof ProviderError ? error.options.providerMessage : undefined;
  if (!(error instanceof ProviderError) || text === undefined) return error;
  const scrubbed = secrets.reduce((acc, secret) => acc.split(secret).join("[redacted]"), text);
  const message = error.kind === "rejected" ? `${error.message.replace(/\.$/, "")}: ${scrubbed}` : error.message;
  return new ProviderError("idenfy", error.kind, message, { ...error.options, providerMessage: scrubbed });
}

/** UNCONFIRMED: the files response as a flat name → URL map; a `fileUrls` wrapper (the webhook's name) works too. */
function filesOf(response: IdenfyFiles): IdenfyFiles {
  const nested = response.fileUrls;
  return typeof nested === "object" && nested !== null && !Array.isArray(nested) ? (nested as IdenfyFiles) : response;
}

function parseCursor(cursor: string | null): number {
  if (cursor === null || cursor === "") return 1;
  if (!/^[1-9]\d{0,8}$/.test(cursor)) throw new ProviderError("idenfy", "rejected", "The iDenfy page cursor is not valid.");
  return Number(cursor);
}

/** Follows DRF's own `next` link when it moves forward; otherwise the page after this one. */
function nextPage(link: string, page: number): number {
  try {
    const value = new URL(link).searchParams.get("page");
    const linked = value !== null && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : 0;
    return linked > page ? linked : page + 1;
  } catch {
    return page + 1;
  }
}
