import { expect, type Browser, type Page } from "@playwright/test";

// Specs that change users work on users they create, so the shared e2e accounts stay untouched.
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.test`;

/** Creates a user through the admin's "New user" form; the page must be signed in as an admin. */
export async function createUser(page: Page, user: { name: string; email: string; role: string; password?: string }) {
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Name").fill(user.name);
  await form.getByLabel("E-mail").fill(user.email);
  await form.getByLabel("Role", { exact: true }).selectOption({ label: user.role });
  if (user.password) {
    await form.getByLabel("I set an initial password").check();
    await form.getByLabel("Initial password", { exact: true }).fill(user.password);
  }
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.locator(`[data-testid="user-row"][data-email="${user.email}"]`)).toBeVisible();
}

/** Signs in through the sign-in page in a browser context of its own. */
export async function signInAs(browser: Browser, email: string, password: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(name);
  return page;
}
