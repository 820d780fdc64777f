/**
 * Every server action of the app, what it needs, and two calls:
 * - `attack`: what a caller without the permission sends. It would change something if the
 *   permission gate let it through (take a case, promote oneself, reset the admin's password…),
 *   so "nothing changed" afterwards means the gate held.
 * - `probe`: harmless for a caller with the permission; its answer (`expect`) can only come from
 *   past the gate, so it proves the gate let them in.
 * permissions-actions.spec.ts fails when the build holds an action that is not listed here.
 */
import { randomUUID } from "node:crypto";
import { PERMISSIONS } from "../lib/auth/permissions";
import type { ActionArgs } from "./actions-http";
import { CUSTOM_ROLE, type Need } from "./permissions";
import { E2E_SPARE_USERS } from "./users";

export type Fixture = { caseId: string; version: number; ownId: string; adminId: string };
/**
 * What a probe's answer must be. Each one can only come from a call whose fields arrived: a
 * VALIDATION answer names the fields that failed (`fields`, the others passed) or says what only
 * the action itself says (`says`); NOT_FOUND and CONFLICT come after validation. A bare
 * "VALIDATION" would also be the answer to a call whose fields never arrived, proving nothing.
 */
export type Expected = "ok" | "NOT_FOUND" | "CONFLICT" | { equals: unknown } | { code: "VALIDATION"; fields?: string[]; says?: string } | { redirectedTo: string };

export type ActionCase = {
  module: string;
  name: string;
  need: Need;
  /** Where the UI calls it from; `[id]` is the fixture's case. */
  page: string;
  attack: (f: Fixture) => ActionArgs;
  /** Absent where any call has an effect on the caller (sign-out): covered by its own test. */
  probe?: { args: (f: Fixture) => ActionArgs; expect: Expected };
  /** Set where a caller without a valid session is sent to sign in rather than answered UNAUTHENTICATED. */
  withoutSession?: "redirect to /login";
};

/** What refused attacks would leave behind; the spec checks none of it exists. */
export const INTRUDER = { roleKey: "intruder_role", email: "intruder@e2e.test", comment: "matrix intruder comment" };

const nobody = randomUUID();
const CASE = "app/(app)/sessions/[id]/actions.ts";
const USERS = "app/(app)/admin/users/actions.ts";
const ROLES = "app/(app)/admin/roles/actions.ts";
const strongPassword = "matrix-password-0123";
const decision = (f: Fixture) => ({
  sessionId: f.caseId,
  version: f.version,
  action: "approve",
  reasonCode: "DATA_VERIFIED",
  comment: INTRUDER.comment,
  idempotencyKey: randomUUID(),
});

export const ACTION_CASES: ActionCase[] = [
  // Sign-in and set-password come before any session: anyone may call them.
  {
    module: "app/login/actions.ts",
    name: "signInAction",
    need: "public",
    page: "/login",
    attack: () => ({ previous: null, form: { email: "", password: "", from: "/sessions" } }),
    // Signed in and sent where `from` says: all three fields arrived.
    probe: {
      args: () => ({ previous: null, form: { email: E2E_SPARE_USERS.prober.email, password: E2E_SPARE_USERS.prober.password, from: "/account" } }),
      expect: { redirectedTo: "/account" },
    },
  },
  {
    module: "app/set-password/actions.ts",
    name: "setPasswordAction",
    need: "public",
    page: "/set-password",
    attack: () => [{ token: "x".repeat(43), password: strongPassword, confirmPassword: strongPassword }],
    probe: { args: () => [{ token: "x".repeat(43), password: strongPassword, confirmPassword: strongPassword }], expect: "NOT_FOUND" },
  },
  { module: "app/(app)/actions.ts", name: "signOutAction", need: "signed-in", page: "/sessions", attack: () => [], withoutSession: "redirect to /login" },
  {
    module: "app/(app)/account/actions.ts",
    name: "changeOwnPasswordAction",
    need: "signed-in",
    page: "/account",
    attack: () => [{ currentPassword: "guess", newPassword: strongPassword, confirmPassword: strongPassword }],
    probe: {
      args: () => [{ currentPassword: "guess", newPassword: "short", confirmPassword: "short" }],
      expect: { code: "VALIDATION", says: "at least 12 characters" },
    },
  },
  {
    module: "app/(app)/admin/actions.ts",
    name: "syncProviderAction",
    need: "providers:manage",
    page: "/admin",
    attack: () => [{ provider: "didit" }],
    probe: { args: () => [{ provider: "bynn" }], expect: "CONFLICT" }, // Bynn has no list API
  },
  {
    module: "app/(app)/admin/actions.ts",
    name: "replayQuarantinedWebhookAction",
    need: "providers:manage",
    page: "/admin",
    attack: () => [{ id: nobody }],
    probe: { args: () => [{ id: nobody }], expect: "NOT_FOUND" },
  },
  {
    module: "app/(app)/admin/webhooks/actions.ts",
    name: "retryOutboundDeliveryAction",
    need: "providers:manage",
    page: "/admin/webhooks",
    attack: () => [{ id: nobody }],
    probe: { args: () => [{ id: nobody }], expect: "NOT_FOUND" },
  },
  {
    module: "app/(app)/admin/jobs/actions.ts",
    name: "requestJobRunAction",
    need: "providers:manage",
    page: "/admin/jobs",
    attack: () => [{ name: "decisions.reconcile" }],
    probe: { args: () => [{ name: "no.such.job" }], expect: "NOT_FOUND" },
  },
  {
    module: ROLES,
    name: "createRoleAction",
    need: "users:manage",
    page: "/admin/roles",
    attack: () => [{ key: INTRUDER.roleKey, name: "Intruder", permissions: [...PERMISSIONS] }],
    probe: { args: () => [{ key: "Not A Key", name: "Probe", permissions: ["sessions:read"] }], expect: { code: "VALIDATION", fields: ["key"] } },
  },
  {
    module: ROLES,
    name: "updateRoleAction",
    need: "users:manage",
    page: "/admin/roles",
    attack: () => [{ key: CUSTOM_ROLE.key, name: CUSTOM_ROLE.name, permissions: [...PERMISSIONS] }],
    probe: { args: () => [{ key: "no_such_role", name: "Probe", permissions: ["sessions:read"] }], expect: "NOT_FOUND" },
  },
  {
    module: ROLES,
    name: "deleteRoleAction",
    need: "users:manage",
    page: "/admin/roles",
    attack: () => [{ key: CUSTOM_ROLE.key }],
    probe: { args: () => [{ key: "no_such_role" }], expect: "NOT_FOUND" },
  },
  {
    module: USERS,
    name: "createUserAction",
    need: "users:manage",
    page: "/admin/users",
    attack: () => [{ method: "password", email: INTRUDER.email, name: "Intruder", role: "admin", password: strongPassword }],
    probe: { args: () => [{ method: "link", email: "not-an-email", name: "Probe", role: "reviewer" }], expect: { code: "VALIDATION", fields: ["email"] } },
  },
  {
    module: USERS,
    name: "issueSetPasswordLinkAction",
    need: "users:manage",
    page: "/admin/users",
    attack: (f) => [{ userId: f.adminId }], // a reset link for the admin's account
    probe: { args: () => [{ userId: nobody }], expect: "NOT_FOUND" },
  },
  {
    module: USERS,
    name: "changeUserRoleAction",
    need: "users:manage",
    page: "/admin/users",
    attack: (f) => [{ userId: f.ownId, role: "admin" }], // promote oneself
    probe: { args: () => [{ userId: nobody, role: "admin" }], expect: "NOT_FOUND" },
  },
  {
    module: USERS,
    name: "deactivateUserAction",
    need: "users:manage",
    page: "/admin/users",
    attack: (f) => [{ userId: f.adminId }],
    probe: { args: () => [{ userId: nobody }], expect: "NOT_FOUND" },
  },
  {
    module: USERS,
    name: "reactivateUserAction",
    need: "users:manage",
    page: "/admin/users",
    attack: (f) => [{ userId: f.ownId }],
    probe: { args: () => [{ userId: nobody }], expect: "NOT_FOUND" },
  },
  {
    module: "app/(app)/audit/actions.ts",
    name: "verifyAuditChainAction",
    need: "audit:read",
    page: "/audit",
    attack: () => [{}],
    probe: { args: () => [{}], expect: "ok" },
  },
  {
    module: "app/(app)/queue/actions.ts",
    name: "nextCaseAction",
    need: "sessions:decide",
    page: "/queue",
    attack: () => [{}],
    probe: { args: () => [{ unexpected: true }], expect: { code: "VALIDATION", says: '"unexpected"' } }, // a real call would claim a case
  },
  {
    module: CASE,
    name: "claimAction",
    need: "sessions:decide",
    page: "/sessions/[id]",
    attack: (f) => [{ sessionId: f.caseId }],
    probe: { args: () => [{ sessionId: nobody }], expect: "NOT_FOUND" },
  },
  {
    module: CASE,
    name: "releaseAction",
    need: "sessions:decide",
    page: "/sessions/[id]",
    attack: (f) => [{ sessionId: f.caseId }],
    probe: { args: (f) => [{ sessionId: f.caseId }], expect: "ok" }, // nobody holds it: a no-op
  },
  {
    module: CASE,
    name: "decideAction",
    need: "sessions:decide",
    page: "/sessions/[id]",
    attack: (f) => [decision(f)],
    probe: { args: (f) => [decision(f)], expect: "CONFLICT" }, // not claimed by the caller
  },
  {
    module: CASE,
    name: "commentAction",
    need: "sessions:decide",
    page: "/sessions/[id]",
    attack: (f) => [{ sessionId: f.caseId, text: INTRUDER.comment }],
    probe: { args: () => [{ sessionId: nobody, text: "probe" }], expect: "NOT_FOUND" },
  },
  {
    module: CASE,
    name: "assignAction",
    need: "sessions:assign",
    page: "/sessions/[id]",
    attack: (f) => [{ sessionId: f.caseId, assigneeId: f.ownId }], // take the case over
    probe: { args: (f) => [{ sessionId: f.caseId, assigneeId: nobody }], expect: { code: "VALIDATION", says: "Choose an active user." } },
  },
  {
    module: CASE,
    name: "expireAction",
    need: "sessions:expire",
    page: "/sessions/[id]",
    attack: (f) => [{ sessionId: f.caseId, version: f.version }],
    probe: { args: (f) => [{ sessionId: f.caseId, version: f.version + 1000 }], expect: "CONFLICT" },
  },
  {
    module: CASE,
    name: "redactAction",
    need: "sessions:redact",
    page: "/sessions/[id]",
    attack: (f) => [{ sessionId: f.caseId, confirmation: "REDACT" }],
    probe: { args: () => [{ sessionId: nobody, confirmation: "REDACT" }], expect: "NOT_FOUND" },
  },
];
