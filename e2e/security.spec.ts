import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { THROTTLE_POLICIES } from "../lib/auth/throttle-policies";
import { ORIGIN, outcomeOf, postAction, serverActionIds } from "./actions-http";
import { signIn } from "./fixtures";
import { signInOverHttp } from "./sign-in-http";
import { contextsForEveryone, PAGES, unclaimedReviewCase, type Who } from "./permissions";
import { BUILD_CANARIES, E2E_CREDENTIALS_FILE, E2E_SPARE_USERS, E2E_USERS, NEXT_DIST_DIR } from "./users";

/** Every credential and webhook secret of this run (long values only, so no false alarms). */
function secretsOfThisRun(): string[] {
  const credentials = JSON.parse(fs.readFileSync(E2E_CREDENTIALS_FILE, "utf8")) as Record<string, Record<string, string>>;
  return Object.values(credentials)
    .flatMap((provider) => Object.values(provider))
    .flatMap((value) => (value.includes("-----BEGIN") ? value.split("\n").filter((line) => line.length > 40) : [value]));
}

/** The same-origin script and stylesheet the sign-in page loads. */
async function staticAssets(request: APIRequestContext): Promise<string[]> {
  const html = await (await request.get("/login")).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [assets.find((a) => a.endsWith(".js"))!, assets.find((a) => a.endsWith(".css"))!];
}

test("every kind of response carries the security headers", async ({ page, request }) => {
  await signIn(page, "reviewer");
  const [script, stylesheet] = await staticAssets(request);
  const cases: { what: string; path: string; status: number; as?: APIRequestContext }[] = [
    { what: "sign-in page", path: "/login", status: 200 },
    { what: "signed-in page", path: "/sessions", status: 200, as: page.request },
    { what: "403 page", path: "/admin/users", status: 403, as: page.request },
    { what: "404 page", path: "/sessions/00000000-0000-4000-8000-000000000000", status: 404, as: page.request },
    { what: "proxy redirect to sign in", path: "/queue", status: 307 },
    { what: "API answer", path: "/api/health", status: 200 },
    { what: "refused API call", path: "/api/admin/providers", status: 401 },
    { what: "script", path: script!, status: 200 },
    { what: "stylesheet", path: stylesheet!, status: 200 },
  ];
  for (const { what, path: url, status, as = request } of cases) {
    const response = await as.get(url, { maxRedirects: 0 });
    const headers = response.headers();
    expect.soft(response.status(), what).toBe(status);
    expect.soft(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
    expect.soft(headers["x-frame-options"], what).toBe("DENY");
    expect.soft(headers["x-content-type-options"], what).toBe("nosniff");
    expect.soft(headers["x-powered-by"], what).toBeUndefined();
  }
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

/** `from` values as an attacker would put them in a link (raw in the query string, so %-escapes arrive decoded once). */
const HOSTILE_FROM = [
  "//evil.example/steal",
  "https://evil.example/",
  "/\\evil.example",
  "javascript:alert(document.domain)",
  "%2F%2Fevil.example",
  "%252F%252Fevil.example",
  "/%5Cevil.example",
  "/%5C%5Cevil.example",
  "/%09/evil.example", // browsers drop tabs and newlines inside URLs: "/\t/x" becomes "//x"
  "/%0A/evil.example",
  "/%0D%0ALocation:%20https://evil.example",
  "https:evil.example",
  "http://127.0.0.1.evil.example/",
];

for (const from of HOSTILE_FROM) {
  test(`signing in from ?from=${from} stays on Verdict`, async ({ page }) => {
    await page.goto(`/login?from=${from}`);
    await page.getByLabel("E-mail").fill(E2E_USERS.auditor.email);
    await page.getByLabel("Password").fill(E2E_USERS.auditor.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("current-user")).toContainText(E2E_USERS.auditor.name);
    expect(new URL(page.url()).origin).toBe(ORIGIN);
    // A visitor who is already signed in gets a Continue link to the same target instead.
    await page.goto(`/login?from=${from}`);
    const href = await page.getByRole("link", { name: "Continue" }).evaluate((a) => (a as HTMLAnchorElement).href);
    expect(new URL(href).origin).toBe(ORIGIN);
  });
}

test("wrong passwords lock the account for that client only, and tell it how long to wait", async ({ page }) => {
  const user = E2E_SPARE_USERS.throttled;
  const attempt = async (password: string) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  for (let i = 0; i < THROTTLE_POLICIES.pair.maxFailures; i++) {
    await attempt(`wrong-password-${i}`);
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong e-mail or password.");
  }
  await attempt(user.password);
  await expect(page.getByTestId("sign-in-error")).toHaveText("Too many failed attempts. Try again in 15 minutes.");
  await page.goto("/sessions");
  await expect(page).toHaveURL(/\/login/);
  // The same account from another client: only the short per-account delay stands in the way.
  await new Promise((resolve) => setTimeout(resolve, THROTTLE_POLICIES.account.firstDelayMs + 200));
  expect(await signInOverHttp({ localAddress: "127.0.0.2", email: user.email, password: user.password })).toBe("signed-in");
});

test("a client cannot escape the per-address limit by sending X-Forwarded-For", async () => {
  test.setTimeout(120_000); // one bcrypt comparison per attempt
  // 127.0.0.3 is a client of its own (see sign-in-http.ts): its lock-out does not touch the other specs.
  const spray = (i: number) => signInOverHttp({ localAddress: "127.0.0.3", email: `spray-${i}@e2e.test`, password: "wrong", forwardedFor: `198.51.100.${i + 1}` });
  for (let i = 0; i < THROTTLE_POLICIES.address.maxFailures; i++) expect(await spray(i)).toBe("invalid");
  expect(await spray(THROTTLE_POLICIES.address.maxFailures)).toBe("throttled");
  expect(
    await signInOverHttp({ localAddress: "127.0.0.3", email: E2E_USERS.auditor.email, password: E2E_USERS.auditor.password, forwardedFor: "203.0.113.99" }),
  ).toBe("throttled");
});

test("a NUL byte or a malformed %-escape in an address is a bad request, not a server error", async ({ page, request }) => {
  await signIn(page, "reviewer");
  await page.goto(`/sessions/${await unclaimedReviewCase(page.context())}`);
  const image = new URL((await page.getByTestId("document-image").first().getAttribute("src"))!, ORIGIN).pathname;
  const media = image.slice(0, image.lastIndexOf("/"));
  const cases: { path: string; as: APIRequestContext }[] = [
    { path: "/sessions?q=%00", as: page.request },
    { path: "/sessions?q=Ada%00Lovelace&sort=oldest", as: page.request },
    { path: "/sessions?q=%00", as: request }, // signed out: still 400, not a redirect to sign in
    { path: `${media}/%E0%A4%A`, as: page.request },
    { path: `${media}/%ZZ`, as: page.request },
    { path: `${media}/%`, as: page.request },
    { path: `${media}/fr%00nt`, as: page.request },
  ];
  for (const { path: url, as } of cases) {
    const response = await as.get(url, { maxRedirects: 0 });
    expect.soft(response.status(), url).toBe(400);
    expect.soft(await response.text(), url).toMatch(/^Bad request: the address holds (a NUL byte|a malformed %-escape)\.$/);
    expect.soft(response.headers()["x-frame-options"], url).toBe("DENY");
  }
  // What is well-formed still works.
  expect((await page.request.get(image)).status()).toBe(200);
  expect((await page.request.get("/sessions?q=Ada%20Lovelace")).status()).toBe(200);
});

test("a server action posted from another site is refused", async ({ page }) => {
  await signIn(page, "admin");
  const id = serverActionIds().get("app/(app)/admin/roles/actions.ts#createRoleAction")!;
  const args = [{ key: "csrf_role", name: "Cross-site", permissions: ["users:manage"] }];
  const response = await postAction(page.request, { page: "/admin/roles", id, args, origin: "https://evil.example" });
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(outcomeOf(response.result)).toBeUndefined();
  await page.goto("/admin/roles");
  await expect(page.getByRole("heading", { name: "Roles and permissions" })).toBeVisible();
  await expect(page.locator('[data-role-key="csrf_role"]')).toHaveCount(0);
});

test("no provider or webhook secret reaches any browser, on any page, as anyone", async ({ browser }) => {
  test.setTimeout(180_000); // every page as six callers
  const secrets = secretsOfThisRun();
  expect(secrets.length).toBeGreaterThan(10);
  const contexts: Map<Who, BrowserContext> = await contextsForEveryone(browser);
  const caseId = await unclaimedReviewCase(contexts.get("admin")!);
  const urls = [...PAGES.map((p) => p.path.replace("[id]", caseId)), "/login", "/set-password?token=x", "/api/admin/providers"];
  for (const [who, context] of contexts) {
    const seen: Promise<{ url: string; body: string }>[] = [];
    context.on("response", (response) => {
      // Not the live-updates stream (text/event-stream): it never ends, and carries session ids only.
      if (!/html|json|javascript|x-component|text\/plain/.test(response.headers()["content-type"] ?? "")) return;
      seen.push(
        response.text().then(
          (body) => ({ url: response.url(), body }),
          () => ({ url: response.url(), body: "" }),
        ),
      );
    });
    for (const url of urls) {
      const page = await context.newPage();
      await page.goto(url);
      await Promise.all(seen); // read every body before the page goes away
      await page.close();
    }
    const bodies = await Promise.all(seen);
    expect(bodies.length, who).toBeGreaterThan(urls.length);
    const leaks = bodies.filter(({ body }) => secrets.some((secret) => body.includes(secret))).map(({ url }) => url);
    expect.soft(leaks, `${who}: responses holding a secret`).toEqual([]);
  }
  await Promise.all([...contexts.values()].map((context) => context.close()));

  // Nor is any in a built client chunk, nor the provider client code (canaries were set at build time).
  const files = fs.readdirSync(path.join(NEXT_DIST_DIR, "static"), { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  expect(files.length).toBeGreaterThan(0);
  const forbidden = [...secrets, ...Object.values(BUILD_CANARIES), "x-api-key"];
  const leaking = files.filter((file) => {
    const text = fs.readFileSync(path.join(file.parentPath, file.name), "utf8");
    return forbidden.some((secret) => text.includes(secret));
  });
  expect(leaking.map((file) => file.name)).toEqual([]);
});
