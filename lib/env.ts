import "server-only";
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/auth/trusted-proxies";
import { NAME_MATCH_MODES } from "@/lib/compare/name-mode";
import { outboundSecretSchema } from "@/lib/outbound/secret";

/**
 * Every environment variable Verdict reads, validated once at start-up (instrumentation.ts).
 * A missing or malformed variable stops the server with a message naming it.
 * Provider credentials live here and are read only by lib/providers/registry.ts.
 */

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const booleanFlag = (fallback: boolean) =>
  z.preprocess(emptyAsUndefined, z.enum(["true", "false", "1", "0"]).optional()).transform((v) => (v === undefined ? fallback : v === "true" || v === "1"));

const urlWithDefault = (fallback: string) => z.preprocess(emptyAsUndefined, z.url().default(fallback));
const list = (fallback: string) =>
  z.preprocess(emptyAsUndefined, z.string().default(fallback)).transform((v) =>
    v
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );

const EnvSchema = z.object({
  AUTH_SECRET: z.string({ error: "is required (generate one with `openssl rand -base64 32`)" }).min(32, {
    error: "must be at least 32 characters",
  }),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: "must be a postgres:// or postgresql:// URL" })
      .optional(),
  ),
  PGLITE_DIR: z.preprocess(emptyAsUndefined, z.string().default("./data/pglite")),
  SYNC_ON_START: booleanFlag(true),
  SYNC_INTERVAL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(300)),
  PROVIDER_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).default(10_000)),
  SYNC_MAX_BACKOFF_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(1800)),
  RECONCILE_INTERVAL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(60)),
  RECONCILE_STALE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(120)),
  WEBHOOK_MAX_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).default(1_048_576)),
  // Webhooks waiting to be applied beyond which intake answers 503 + Retry-After and stores nothing.
  WEBHOOK_QUEUE_MAX: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(20_000)),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  NAME_MATCH_MODE: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z
      .enum(NAME_MATCH_MODES, { error: `must be one of ${NAME_MATCH_MODES.join(", ")}` })
      .or(z.literal("").transform(() => "ANY_NAME" as const))
      .default("ANY_NAME"),
  ),
  DECISION_REASONS_FILE: optionalString,
  OUTBOUND_WEBHOOK_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  OUTBOUND_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, outboundSecretSchema.optional()),
  OUTBOUND_POLL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(5)),
  // Unset: X-Forwarded-For is ignored and the TCP peer is the client (lib/auth/trusted-proxies.ts).
  TRUSTED_PROXIES: z.preprocess(emptyAsUndefined, z.string().optional()).transform((value, ctx) => {
    try {
      return parseTrustedProxies(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `must be a hop count or a comma-separated list of addresses and CIDR ranges: ${(error as Error).message}` });
      return z.NEVER;
    }
  }),
  SHUTDOWN_GRACE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(600).default(10)),
  // Background jobs (lib/jobs/): how often each instance reads the jobs table, and how long a claim holds without a heartbeat.
  JOB_POLL_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(50).max(60_000).default(250)),
  JOB_LEASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(3).max(3600).default(30)),

  DIDIT_API_VERSION: z.preprocess(emptyAsUndefined, z.enum(["v3", "v1"]).default("v3")),
  DIDIT_API_KEY: optionalString,
  DIDIT_CLIENT_ID: optionalString,
  DIDIT_CLIENT_SECRET: optionalString,
  DIDIT_BASE_URL: urlWithDefault("https://verification.didit.me"),
  DIDIT_AUTH_BASE_URL: urlWithDefault("https://apx.didit.me"),
  DIDIT_KEY_PRIVILEGES: list("read:sessions,write:sessions,delete:sessions"),
  DIDIT_WEBHOOK_SECRET: optionalString,

  BELTIC_API_KEY: optionalString,
  BELTIC_BASE_URL: urlWithDefault("https://api.beltic.com"),
  BELTIC_KEY_SCOPES: list("sessions:read,sessions:write,sessions:decide"),
  BELTIC_WEBHOOK_SECRET: optionalString,
  BELTIC_WEBHOOK_TOKEN: optionalString,
  BELTIC_SIGNATURE_ENCODING: z.preprocess(emptyAsUndefined, z.enum(["hex", "base64"]).default("hex")),

  IDENFY_API_KEY: optionalString,
  IDENFY_API_SECRET: optionalString,
  IDENFY_BASE_URL: urlWithDefault("https://ivs.idenfy.com"),
  IDENFY_WEBHOOK_SECRET: optionalString,

  BYNN_API_KEY: optionalString,
  BYNN_BASE_URL: urlWithDefault("https://api.bynn.com"),
  // PEM; "\n" escapes are accepted so the key fits on one line of an env file.
  BYNN_WEBHOOK_PUBLIC_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .optional()
      .transform((v) => v?.replace(/\\n/g, "\n")),
  ),
});

const CheckedEnvSchema = EnvSchema.superRefine((env, ctx) => {
  if (env.OUTBOUND_WEBHOOK_URL && !env.OUTBOUND_WEBHOOK_SECRET) {
    ctx.addIssue({ code: "custom", path: ["OUTBOUND_WEBHOOK_SECRET"], message: "is required when OUTBOUND_WEBHOOK_URL is set" });
  }
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = CheckedEnvSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
