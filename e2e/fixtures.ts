import { expect, type Page } from "@playwright/test";
import { E2E_USERS, type E2ERole } from "./users";

export async function signIn(page: Page, role: E2ERole) {
  const user = E2E_USERS[role];
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(user.name);
}
