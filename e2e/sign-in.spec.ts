import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { E2E_USERS, type E2ERole } from "./users";

const ROLE_NAMES: Record<E2ERole, string> = { admin: "Admin", lead: "Lead", reviewer: "Reviewer", auditor: "Auditor" };

for (const role of Object.keys(E2E_USERS) as E2ERole[]) {
  test(`${role} signs in, sees their role, and signs out`, async ({ page }) => {
    await signIn(page, role);
    await expect(page).toHaveURL(/\/sessions$/);
    await expect(page.getByTestId("current-user")).toContainText(ROLE_NAMES[role]);
    await expect(page.getByRole("link", { name: "Admin", exact: true })).toHaveCount(role === "admin" ? 1 : 0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByText("You are signed in as")).toHaveCount(0);
    await page.goto("/sessions");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(E2E_USERS.reviewer.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong e-mail or password.");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/sessions");
  await expect(page).toHaveURL(/\/login/);
});

// Hostile `from` values (other sites, encoded variants): security.spec.ts.
test("signing in returns to the page that asked for it", async ({ page }) => {
  await page.goto("/sessions?status=approved");
  await expect(page).toHaveURL(/\/login\?from=/);
  await page.getByLabel("E-mail").fill(E2E_USERS.auditor.email);
  await page.getByLabel("Password").fill(E2E_USERS.auditor.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sessions\?status=approved$/);
});
