/** Test-only accounts created by e2e/server.ts on a throwaway database. */
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", name: "Ada Admin", role: "admin", password: "e2e-admin-password-1" },
  lead: { email: "lead@e2e.test", name: "Lev Lead", role: "lead", password: "e2e-lead-password-1" },
  reviewer: { email: "reviewer@e2e.test", name: "Rui Reviewer", role: "reviewer", password: "e2e-reviewer-password-1" },
  auditor: { email: "auditor@e2e.test", name: "Aiko Auditor", role: "auditor", password: "e2e-auditor-password-1" },
} as const;

export type E2ERole = keyof typeof E2E_USERS;

/**
 * Accounts that specs may lock, sign out or otherwise spoil, so the shared role accounts above
 * stay usable for every other spec. Seeded with the others; not part of the role loops.
 */
export const E2E_SPARE_USERS = {
  throttled: { email: "throttled@e2e.test", name: "Tao Throttled", role: "reviewer", password: "e2e-throttled-password-1" },
  revoked: { email: "revoked@e2e.test", name: "Rea Revoked", role: "reviewer", password: "e2e-revoked-password-1" },
  // Signs in over HTTP in the action matrix, so that a sign-in's fields are seen to arrive.
  prober: { email: "prober@e2e.test", name: "Pia Prober", role: "auditor", password: "e2e-prober-password-1" },
} as const;

export type E2EUser = { email: string; name: string; password: string };

// Overridable so two e2e runs (say, a second checkout's) can share a machine without colliding.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4210);
export const E2E_SANDBOX_URL = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;
/** Holds this run's PGlite database and credentials file. */
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? "data/e2e";
/** The throwaway database e2e/server.ts creates when DATABASE_URL names a PostgreSQL server. */
export const E2E_PG_DATABASE = process.env.E2E_PG_DATABASE ?? "verdict_e2e";
/** Written by e2e/server.ts: the sandbox credentials of this run. */
export const E2E_CREDENTIALS_FILE = `${E2E_DATA_DIR}/credentials.json`;
/** Where `next build` writes (next.config.ts reads NEXT_DIST_DIR too). */
export const NEXT_DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
/**
 * The server actions' encryption key of e2e builds (e2e/build.ts): fixed, as every instance of a
 * deployment needs the same one (README, "Several instances"). Test-only, like the secret below.
 */
export const E2E_ACTIONS_ENCRYPTION_KEY = "S7VpelJdElHrSYFu8G3r/VB0UujBr6ebu0wKbw0RrmY=";
export const E2E_AUTH_SECRET = "e2e-only-auth-secret-0123456789abcdef0123456789";

/**
 * Provider credentials present in the environment of `next build` (e2e/build.ts), so the
 * bundle check proves that server secrets are not inlined into client code.
 */
export const BUILD_CANARIES = {
  DIDIT_API_KEY: "canary-didit-api-key-3b9f2e71",
  DIDIT_WEBHOOK_SECRET: "canary-didit-webhook-secret-5c1a",
  BELTIC_API_KEY: "canary-beltic-api-key-8d4e0b92",
  IDENFY_API_SECRET: "canary-idenfy-api-secret-1f7c6a",
  BYNN_API_KEY: "canary-bynn-private-key-6e2d9f40",
} as const;
