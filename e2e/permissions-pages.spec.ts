import { expect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { allows, builtPaths, contextsForEveryone, describeNeed, EVERYONE, PAGES, unclaimedReviewCase, type Need, type Who } from "./permissions";
import { E2E_USERS } from "./users";

const button = (name: string) => (page: Page) => page.getByRole("button", { name, exact: true });
const link = (name: string) => (page: Page) => page.getByRole("link", { name, exact: true });

/** Controls that must be there exactly when the viewer may open the page and holds `need`. */
const CONTROLS: { path: string; name: string; need: Need; find: (page: Page) => Locator }[] = [
  { path: "/sessions", name: "Admin link", need: { anyOf: ["users:manage", "providers:manage"] }, find: link("Admin") },
  { path: "/sessions", name: "Audit log link", need: "audit:read", find: link("Audit log") },
  { path: "/queue", name: "Next case", need: "sessions:decide", find: button("Next case") },
  { path: "/sessions/[id]", name: "Claim this case", need: "sessions:decide", find: button("Claim this case") },
  { path: "/sessions/[id]", name: "comment box", need: "sessions:decide", find: (page) => page.getByLabel("Add a comment") },
  { path: "/sessions/[id]", name: "Assign to", need: "sessions:assign", find: (page) => page.getByLabel("Assign to") },
  { path: "/sessions/[id]", name: "Expire…", need: "sessions:expire", find: button("Expire…") },
  { path: "/sessions/[id]", name: "Redact…", need: "sessions:redact", find: button("Redact…") },
  { path: "/sessions/[id]", name: "document images", need: "sessions:read_pii", find: (page) => page.getByTestId("document-image") },
  { path: "/admin", name: "Sync now", need: "providers:manage", find: button("Sync now") },
  { path: "/admin", name: "Manage users", need: "users:manage", find: link("Manage users") },
  { path: "/admin/users", name: "Deactivate", need: "users:manage", find: (page) => page.getByRole("button", { name: /^Deactivate / }) },
  { path: "/admin/roles", name: "New role", need: "users:manage", find: button("New role") },
  { path: "/audit", name: "Verify chain", need: "audit:read", find: button("Verify chain") },
  { path: "/audit/decisions", name: "Export CSV", need: "audit:export", find: link("Export CSV") },
];

const pageNeed = (path: string) => PAGES.find((p) => p.path === path)!.need;

let contexts: Map<Who, BrowserContext>;
let caseId: string;
const at = (path: string) => path.replace("[id]", caseId);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000); // six sign-ins through the UI, and more: slow on a loaded machine
  contexts = await contextsForEveryone(browser);
  caseId = await unclaimedReviewCase(contexts.get("admin")!);
});

test.afterAll(async () => {
  await Promise.all([...contexts.values()].map((context) => context.close()));
});

test("every page in the build is in the table (a new page cannot slip in untested)", () => {
  // Sign-in and set-password come before any session (security.spec.ts); the other two are Next's own.
  const elsewhere = ["/login", "/set-password", "/_global-error", "/_not-found"];
  const pages = builtPaths().filter((p) => !p.startsWith("/api/") && !elsewhere.includes(p));
  expect(pages.sort()).toEqual(PAGES.map((p) => p.path).sort());
});

async function open(who: Who, path: string) {
  const page = await contexts.get(who)!.newPage();
  return { page, response: await page.goto(at(path)) };
}

for (const who of EVERYONE) {
  for (const { path, need, heading, lands } of PAGES) {
    const expected = who === "signed-out" ? "sign-in" : allows(who, need) ? "renders" : "403";
    test(`${who} → ${path}: ${expected} (needs ${describeNeed(need)})`, async () => {
      const { page, response } = await open(who, path);
      const url = new URL(page.url());
      if (expected === "sign-in") {
        expect(url.pathname).toBe("/login");
        expect(url.searchParams.get("from")).toBe(at(path));
      } else if (expected === "renders") {
        expect(response?.status()).toBe(200);
        expect(url.pathname).toBe(at(lands ?? path));
        await expect(page.getByRole("heading", { name: heading, exact: true }).first()).toBeVisible();
      } else {
        expect(response?.status()).toBe(403);
        await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
        await expect(page.getByRole("heading", { name: heading, exact: true })).toHaveCount(0);
      }
      await page.close();
    });
  }
}

for (const who of EVERYONE.filter((w) => w !== "signed-out")) {
  test(`${who} sees exactly the controls their permissions allow`, async () => {
    for (const path of new Set(CONTROLS.map((c) => c.path))) {
      const { page } = await open(who, path);
      for (const { name, need, find } of CONTROLS.filter((c) => c.path === path)) {
        const shown = allows(who, pageNeed(path)) && allows(who, need);
        const control = find(page).first();
        if (shown) await expect.soft(control, `${path} ${name} (${describeNeed(need)})`).toBeVisible();
        else await expect.soft(find(page), `${path} ${name} hidden (${describeNeed(need)})`).toHaveCount(0);
      }
      await page.close();
    }
  });
}

test("decision buttons appear for exactly the roles that may decide, once they claim the case", async () => {
  for (const who of EVERYONE.filter((w) => w !== "signed-out")) {
    const { page } = await open(who, "/sessions/[id]");
    const decide = page.getByTestId("decision-form").getByRole("radio", { name: "Approve" });
    if (allows(who, "sessions:decide")) {
      await page.getByRole("button", { name: "Claim this case" }).click();
      await expect(decide, who).toBeVisible();
      await page.getByRole("button", { name: "Release" }).click();
      await expect(page.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
    } else {
      await expect(page.getByRole("button", { name: "Claim this case" }), who).toHaveCount(0);
      await expect(page.getByTestId("decision-form"), who).toHaveCount(0);
    }
    await page.close();
  }
});

test("Take over appears for exactly the roles that may assign, on a case someone else holds", async () => {
  const holder = await open("reviewer", "/sessions/[id]");
  await holder.page.getByRole("button", { name: "Claim this case" }).click();
  await expect(holder.page.getByTestId("claim-panel")).toContainText("You are working on this case");
  for (const who of EVERYONE.filter((w) => w !== "signed-out" && w !== "reviewer")) {
    const { page } = await open(who, "/sessions/[id]");
    await expect(page.getByTestId("claim-panel")).toContainText(`${E2E_USERS.reviewer.name} is working on this case`);
    await expect(page.getByRole("button", { name: "Take over" }), who).toHaveCount(allows(who, "sessions:assign") ? 1 : 0);
    await page.close();
  }
  await holder.page.getByRole("button", { name: "Release" }).click();
  await expect(holder.page.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
});
