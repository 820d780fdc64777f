import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { BUILD_CANARIES, E2E_CREDENTIALS_FILE, NEXT_DIST_DIR, type E2ERole } from "./users";

/** Every credential and webhook secret of this run (long values only, so no false alarms). */
function secretsOfThisRun(): string[] {
  const credentials = JSON.parse(fs.readFileSync(E2E_CREDENTIALS_FILE, "utf8")) as Record<string, Record<string, string>>;
  return Object.values(credentials)
    .flatMap((provider) => Object.values(provider))
    .flatMap((value) => (value.includes("-----BEGIN") ? value.split("\n").filter((line) => line.length > 40) : [value]));
}

for (const role of ["lead", "reviewer", "auditor"] as E2ERole[]) {
  test(`${role} opening the admin page gets the 403 page`, async ({ page }) => {
    await signIn(page, role);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    await expect(page.getByTestId("users-table")).toHaveCount(0);
  });
}

test("an admin sees users and provider sync status", async ({ page }) => {
  await signIn(page, "admin");
  await page.getByRole("link", { name: "Admin", exact: true }).click();
  await expect(page.getByTestId("users-table")).toContainText("reviewer@e2e.test");
  await expect(page.getByTestId("provider-status")).toContainText("Didit");
  await expect(page.getByTestId("provider-status")).toContainText(/Last sync succeeded/);
});

test("an unauthenticated visitor is sent to sign in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
});

test("no provider secret reaches the browser", async ({ page }) => {
  const seen: string[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/text|json|javascript/.test(type)) seen.push(await response.text().catch(() => ""));
  });
  await signIn(page, "admin");
  for (const url of ["/sessions", "/sessions?status=marked_for_review", "/admin"]) await page.goto(url);
  expect(seen.length).toBeGreaterThan(3);
  const secrets = secretsOfThisRun();
  expect(secrets.length).toBeGreaterThan(10);
  for (const body of seen) for (const secret of secrets) expect(body).not.toContain(secret);

  // And no built client chunk holds it, or the provider client code.
  const files = fs.readdirSync(path.join(NEXT_DIST_DIR, "static"), { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = fs.readFileSync(path.join(file.parentPath, file.name), "utf8");
    for (const secret of [...secrets, ...Object.values(BUILD_CANARIES)]) expect(text).not.toContain(secret);
    expect(text).not.toContain("x-api-key");
  }
});
