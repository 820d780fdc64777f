import { expect, request, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ACTION_CASES, INTRUDER, type Expected, type Fixture } from "./action-cases";
import { errorOf, ORIGIN, outcomeOf, postAction, serverActionIds, type ActionResponse } from "./actions-http";
import { signInWith } from "./fixtures";
import { allows, builtPaths, contextsForEveryone, CUSTOM_ROLE, describeNeed, EVERYONE, unclaimedReviewCase, type Need, type Who } from "./permissions";
import { E2E_SPARE_USERS, E2E_USERS } from "./users";

/** The permission matrix without the UI: every server action and route handler, POSTed or fetched directly. */

/** `revoked`: a session cookie that was valid until its user signed out; it still passes the proxy. */
type Caller = Who | "revoked";
const CALLERS: Caller[] = [...EVERYONE, "revoked"];
const may = (caller: Caller, need: Need) => (caller === "revoked" ? need === "public" : allows(caller, need));
const userOf = (caller: Exclude<Caller, "signed-out">) =>
  caller === "custom" ? { ...CUSTOM_ROLE.user, role: CUSTOM_ROLE.key } : caller === "revoked" ? E2E_SPARE_USERS.revoked : E2E_USERS[caller];

/** Route handlers under app/api (auth internals and the signature-gated webhook route aside). */
const ROUTES: { path: string; need: Need }[] = [
  { path: "/api/health", need: "public" },
  { path: "/api/events", need: "sessions:read" },
  { path: "/api/admin/providers", need: "providers:manage" },
  { path: "/api/audit/decisions/export", need: "audit:export" },
  { path: "/api/sessions/[id]/media/[documentId]/[name]", need: "sessions:read_pii" },
];
const NOT_HERE = ["/api/auth/[...nextauth]", "/api/webhooks/[provider]"];

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

const ids = serverActionIds();
/** Each caller's cookies; every call starts from them, so no answer's Set-Cookie leaks into the next call. */
const sessions = new Map<Caller, StorageState>();
const userIds = new Map<Caller, string>();
let fixture: Omit<Fixture, "ownId">;
let mediaPath: string;
let auditSeq: number;
let contexts: Map<Who, BrowserContext>;
let admin: Page;

/** Signs the spare user in, keeps the cookie, then signs out over HTTP: the kept cookie is revoked. */
async function revokedSession(browser: Browser): Promise<StorageState> {
  const live = await browser.newContext();
  await signInWith(await live.newPage(), E2E_SPARE_USERS.revoked);
  const kept = await live.storageState();
  const signOut = await postAction(live.request, { page: "/sessions", id: ids.get("app/(app)/actions.ts#signOutAction")!, args: [] });
  expect(signOut.redirectedTo).toBe(`${ORIGIN}/login`);
  await live.close();
  const revoked = await browser.newContext({ storageState: kept });
  const page = await revoked.newPage();
  await page.goto("/sessions");
  await expect(page, "signing out must revoke the session on the server").toHaveURL(/\/login/);
  await revoked.close();
  return kept;
}

const requestAs = (caller: Caller) => request.newContext({ baseURL: ORIGIN, storageState: sessions.get(caller) });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000); // six sign-ins through the UI, and more: slow on a loaded machine
  contexts = await contextsForEveryone(browser);
  for (const [who, context] of contexts) sessions.set(who, await context.storageState());
  sessions.set("revoked", await revokedSession(browser));
  admin = await contexts.get("admin")!.newPage();
  const caseId = await unclaimedReviewCase(contexts.get("admin")!);
  await admin.goto(`/sessions/${caseId}`);
  fixture = { caseId, version: Number(await admin.getByTestId("case-view").getAttribute("data-version")), adminId: "" };
  mediaPath = new URL((await admin.getByTestId("document-image").first().getAttribute("src"))!, ORIGIN).pathname;
  for (const caller of CALLERS.filter((c) => c !== "signed-out")) {
    await admin.goto(`/audit?action=auth.sign_in&actor=${encodeURIComponent(userOf(caller).email)}`);
    userIds.set(caller, (await admin.getByTestId("audit-row").first().locator("code").first().innerText()).trim());
  }
  fixture.adminId = userIds.get("admin")!;
  await admin.goto("/audit");
  auditSeq = Number(await admin.getByTestId("audit-row").first().getAttribute("data-seq"));
});

test.afterAll(async () => {
  await Promise.all([...contexts.values()].map((context) => context.close()));
});

test("every server action in the build is in the table (a new one cannot slip in untested)", () => {
  expect([...ids.keys()].sort()).toEqual(ACTION_CASES.map((c) => `${c.module}#${c.name}`).sort());
});

function expectAnswer(response: ActionResponse, expected: Expected) {
  const { result } = response;
  if (typeof expected === "string") return expect(outcomeOf(result)).toEqual(expected === "ok" ? { ok: true } : { ok: false, code: expected });
  if ("equals" in expected) return expect(result).toEqual(expected.equals);
  if ("redirectedTo" in expected) return expect(response.redirectedTo && new URL(response.redirectedTo, ORIGIN).pathname).toBe(expected.redirectedTo);
  const error = errorOf(result);
  expect(error?.code, JSON.stringify(result)).toBe(expected.code);
  if (expected.fields) expect(Object.keys(error?.fields ?? {}).sort()).toEqual([...expected.fields].sort());
  if (expected.says) expect(JSON.stringify(error)).toContain(JSON.stringify(expected.says).slice(1, -1));
}

for (const caller of CALLERS) {
  for (const action of ACTION_CASES) {
    const allowed = may(caller, action.need);
    if (allowed && !action.probe) continue; // signing out: revokedSession() above
    const expected = allowed
      ? JSON.stringify(action.probe!.expect)
      : caller === "signed-out"
        ? "sent to sign in"
        : caller === "revoked"
          ? "UNAUTHENTICATED"
          : "FORBIDDEN";
    test(`${caller} → ${action.name} (${describeNeed(action.need)}): ${expected}`, async () => {
      const f: Fixture = { ...fixture, ownId: userIds.get(caller) ?? userIds.get("reviewer")! };
      const args = allowed ? action.probe!.args(f) : action.attack(f);
      const page = action.page.replace("[id]", f.caseId);
      const http = await requestAs(caller);
      const response = await postAction(http, { page, id: ids.get(`${action.module}#${action.name}`)!, args });
      await http.dispose();
      if (allowed) expectAnswer(response, action.probe!.expect);
      else if (caller === "signed-out") {
        // The proxy stops it before the action runs.
        expect(response.status).toBe(307);
        expect(response.location).toBe(`/login?from=${encodeURIComponent(page)}`);
      } else if (caller === "revoked" && action.withoutSession) expect(response.redirectedTo).toBe(`${ORIGIN}/login`);
      else expect(outcomeOf(response.result)).toEqual({ ok: false, code: caller === "revoked" ? "UNAUTHENTICATED" : "FORBIDDEN" });
    });
  }

  if (caller === "admin") continue;
  test(`${caller}: the refused calls changed nothing`, async () => {
    await admin.goto(`/sessions/${fixture.caseId}`);
    await expect(admin.getByTestId("case-view")).toHaveAttribute("data-version", String(fixture.version));
    await expect(admin.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
    await expect(admin.getByTestId("case-view").getByText("Redacted", { exact: true })).toHaveCount(0);
    await expect(admin.getByTestId("timeline")).not.toContainText(INTRUDER.comment);
    await admin.goto("/admin/roles");
    await expect(admin.locator(`[data-role-key="${INTRUDER.roleKey}"]`)).toHaveCount(0);
    await expect(admin.getByRole("list", { name: `Permissions of ${CUSTOM_ROLE.name}` }).getByRole("listitem")).toHaveCount(CUSTOM_ROLE.permissions.length);
    await admin.goto("/admin/users");
    await expect(admin.locator(`[data-email="${INTRUDER.email}"]`)).toHaveCount(0);
    await expect(admin.locator(`[data-email="${E2E_USERS.admin.email}"]`)).toContainText("Active");
    await expect(admin.locator(`[data-email="${E2E_USERS.admin.email}"]`)).not.toContainText("link valid until");
    if (caller === "signed-out") return;
    const { email, role } = userOf(caller);
    await expect(admin.getByLabel(`Role of ${email}`)).toHaveValue(role);
    // Nothing the caller did since the start was audited, except verifying the chain where allowed.
    await admin.goto(`/audit?actor=${encodeURIComponent(email)}`);
    const rows = await admin.getByTestId("audit-row").evaluateAll((els) => els.map((el) => ({ seq: Number(el.dataset.seq), action: el.dataset.action })));
    const since = rows.filter((row) => row.seq > auditSeq).map((row) => row.action);
    expect(since.filter((action) => !(action === "audit.verify" && may(caller, "audit:read")))).toEqual([]);
  });
}

test("every route handler in the build is in the table", () => {
  const routes = builtPaths().filter((p) => p.startsWith("/api/") && !NOT_HERE.includes(p));
  expect(routes.sort()).toEqual(ROUTES.map((r) => r.path).sort());
});

/** The status line and headers only: /api/events streams for as long as it is open. */
async function statusOf(caller: Caller, path: string): Promise<number> {
  const cookie = (sessions.get(caller)?.cookies ?? []).map((c) => `${c.name}=${c.value}`).join("; ");
  const abort = new AbortController();
  const response = await fetch(`${ORIGIN}${path}`, { headers: { cookie }, redirect: "manual", signal: abort.signal });
  abort.abort();
  return response.status;
}

for (const caller of CALLERS) {
  for (const { path, need } of ROUTES) {
    const expected = may(caller, need) ? 200 : caller === "signed-out" || caller === "revoked" ? 401 : 403;
    test(`${caller} → GET ${path} (${describeNeed(need)}): ${expected}`, async () => {
      expect(await statusOf(caller, path.startsWith("/api/sessions/") ? mediaPath : path)).toBe(expected);
    });
  }
}
