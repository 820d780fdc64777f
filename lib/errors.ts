/** Expected failures, with a message that is safe to show to the user as it is. */
export type ErrorCode = "VALIDATION" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PROVIDER" | "INTERNAL";

// Recognised across Next's separate server bundles (see lib/providers/errors.ts).
const APP_ERROR = Symbol.for("verdict.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && APP_ERROR in value;
  }

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}
