import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

// Who may open which page, as every role and signed out: permissions-pages.spec.ts.
// That no secret reaches a browser, on any page as anyone: security.spec.ts.

test("an admin sees users and provider sync status", async ({ page }) => {
  await signIn(page, "admin");
  await page.getByRole("link", { name: "Admin", exact: true }).click();
  await expect(page.getByTestId("users-table")).toContainText("reviewer@e2e.test");
  await expect(page.getByTestId("provider-status")).toContainText("Didit");
  await expect(page.getByTestId("provider-status")).toContainText(/Last sync succeeded/);
});
