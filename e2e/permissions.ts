/**
 * Who may do what, for the permission specs: expectations come from the one permission table
 * (lib/auth/permissions.ts), never from a per-role list copied into a spec.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, type Browser, type BrowserContext } from "@playwright/test";
import { BUILT_IN_ROLE_PERMISSIONS, can, type Permission } from "../lib/auth/permissions";
import { outcomeOf, postAction, serverActionIds } from "./actions-http";
import { signInWith } from "./fixtures";
import { E2E_USERS, NEXT_DIST_DIR, type E2ERole, type E2EUser } from "./users";

/**
 * A custom role beside the built-in ones, created by the admin through the roles action. It
 * holds what an operations engineer would: provider health and sync, without user management.
 */
export const CUSTOM_ROLE = {
  key: "matrix_ops",
  name: "Matrix Ops",
  permissions: ["sessions:read", "providers:manage"] satisfies Permission[],
  user: { email: "ops@e2e.test", name: "Oda Ops", password: "e2e-ops-password-1" },
};

export type Who = E2ERole | "custom" | "signed-out";
export const EVERYONE: Who[] = ["admin", "lead", "reviewer", "auditor", "custom", "signed-out"];

/** What a page, control, route handler or action requires. */
export type Need = Permission | { anyOf: Permission[] } | "signed-in" | "public";

export function allows(who: Who, need: Need): boolean {
  if (need === "public") return true;
  if (who === "signed-out") return false;
  if (need === "signed-in") return true;
  const granted: readonly string[] = who === "custom" ? CUSTOM_ROLE.permissions : BUILT_IN_ROLE_PERMISSIONS[who];
  return typeof need === "string" ? can(granted, need) : need.anyOf.some((permission) => can(granted, permission));
}

/** Every page, the permission it needs and a heading it shows. `[id]` is an unclaimed review case. */
export const PAGES: { path: string; need: Need; heading: string | RegExp; lands?: string }[] = [
  { path: "/", need: "sessions:read", heading: "Sessions", lands: "/sessions" },
  { path: "/queue", need: "sessions:read", heading: "Review queue" },
  { path: "/sessions", need: "sessions:read", heading: "Sessions" },
  { path: "/sessions/[id]", need: "sessions:read", heading: "Applicant and documents" },
  { path: "/admin", need: { anyOf: ["users:manage", "providers:manage"] }, heading: /^(Users|Providers)$/ },
  { path: "/admin/users", need: "users:manage", heading: "All users" },
  { path: "/admin/roles", need: "users:manage", heading: "Roles and permissions" },
  { path: "/admin/webhooks", need: "providers:manage", heading: "Outbound webhook" },
  { path: "/admin/jobs", need: "providers:manage", heading: "Background jobs" },
  { path: "/account", need: "signed-in", heading: "Your account" },
  { path: "/audit", need: "audit:read", heading: "Audit" },
  { path: "/audit/decisions", need: "audit:read", heading: "Audit" },
  { path: "/audit/sessions/[id]", need: "audit:read", heading: "Session evidence" },
];

/** Every page and route handler in the production build, as URL patterns (`/sessions/[id]`, `/api/health`). */
export function builtPaths(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(NEXT_DIST_DIR, "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(manifest).map((key) => key.replace(/\/\([^)]+\)/g, "").replace(/\/(page|route)$/, "") || "/");
}

export const describeNeed = (need: Need) => (typeof need === "string" ? need : need.anyOf.join(" or "));

const userOf = (who: Exclude<Who, "signed-out">): E2EUser => (who === "custom" ? CUSTOM_ROLE.user : E2E_USERS[who]);

/** A browser context signed in as `who` through the sign-in page, or not signed in at all. */
export async function contextFor(browser: Browser, who: Who): Promise<BrowserContext> {
  const context = await browser.newContext();
  if (who === "signed-out") return context;
  const page = await context.newPage();
  await signInWith(page, userOf(who));
  await page.close();
  return context;
}

/** Signed-in contexts for everyone, the custom role created first (by the admin, once per run). */
export async function contextsForEveryone(browser: Browser): Promise<Map<Who, BrowserContext>> {
  const admin = await contextFor(browser, "admin");
  await ensureCustomRole(admin);
  const contexts = new Map<Who, BrowserContext>([["admin", admin]]);
  for (const who of EVERYONE.filter((w) => w !== "admin")) contexts.set(who, await contextFor(browser, who));
  return contexts;
}

async function ensureCustomRole(admin: BrowserContext) {
  const ids = serverActionIds();
  const { key, name, permissions, user } = CUSTOM_ROLE;
  const calls = [
    { page: "/admin/roles", id: ids.get("app/(app)/admin/roles/actions.ts#createRoleAction")!, args: [{ key, name, permissions }] },
    { page: "/admin/users", id: ids.get("app/(app)/admin/users/actions.ts#createUserAction")!, args: [{ method: "password", role: key, ...user }] },
  ];
  for (const call of calls) {
    const outcome = outcomeOf((await postAction(admin.request, call)).result);
    // CONFLICT: another spec of this run created it already.
    expect(outcome?.ok || outcome?.code === "CONFLICT", `${call.page}: ${JSON.stringify(outcome)}`).toBe(true);
  }
}

/** A review case nobody holds, whose documents have images (for the personal-data checks). */
export async function unclaimedReviewCase(context: BrowserContext, skip: string[] = []): Promise<string> {
  const page = await context.newPage();
  await page.goto("/queue");
  const rows = page.getByTestId("queue-row").filter({ has: page.getByTestId("queue-holder").getByText("—", { exact: true }) });
  const ids = (await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-session-id")!))).filter((id) => !skip.includes(id));
  for (const id of ids) {
    await page.goto(`/sessions/${id}`);
    if ((await page.getByTestId("document-image").count()) > 0) {
      await page.close();
      return id;
    }
  }
  throw new Error("No unclaimed review case with document images in the queue");
}
