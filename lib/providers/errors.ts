/**
 * Failures talking to a provider. `message` is written for a reviewer and never contains
 * credentials; the provider's own body text is kept separately in `providerMessage`.
 */
export type ProviderErrorKind =
  | "auth" // credentials missing, wrong or lacking the scope
  | "not_found"
  | "rate_limited"
  | "unavailable" // 5xx or connection refused
  | "timeout"
  | "rejected" // 4xx: the provider refused the request
  | "invalid_response"
  | "unsupported";

// Next bundles server code more than once (instrumentation, routes, actions), and adapters are
// shared between those copies, so `instanceof` must recognise errors thrown by another copy.
const PROVIDER_ERROR = Symbol.for("verdict.ProviderError");

export class ProviderError extends Error {
  readonly [PROVIDER_ERROR] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && PROVIDER_ERROR in value;
  }

  constructor(
    readonly provider: string,
    readonly kind: ProviderErrorKind,
    message: string,
    readonly options: { status?: number; retryAfterMs?: number; providerMessage?: string } = {},
  ) {
    super(message);
    this.name = "ProviderError";
  }

  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "unavailable" || this.kind === "timeout";
  }
}
