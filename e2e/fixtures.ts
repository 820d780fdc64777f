import { expect, type Page } from "@playwright/test";
import { E2E_USERS, type E2ERole, type E2EUser } from "./users";

export async function signIn(page: Page, role: E2ERole) {
  await signInWith(page, E2E_USERS[role]);
}

/** Signs in through the sign-in page, as a user would. */
export async function signInWith(page: Page, user: E2EUser) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Leaving /login is the sign of success; the first sign-in of a run may be slow (bcrypt, cold database).
  await page.waitForURL((url) => url.pathname !== "/login");
  await expect(page.getByTestId("current-user")).toContainText(user.name);
}
