import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { armFault } from "./sandbox-control";

test("a reviewer opening the background jobs page gets the 403 page", async ({ page }) => {
  await signIn(page, "reviewer");
  const response = await page.goto("/admin/jobs");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  await expect(page.getByTestId("jobs")).toHaveCount(0);
});

test("an admin sees every background job, a sync that failed with the provider's error, and retries it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Background jobs" }).click();
  await expect(page.getByRole("heading", { name: "Background jobs" })).toBeVisible();
  for (const name of ["audit.seal", "webhooks.apply", "decisions.reconcile", "sync.didit", "sync.beltic", "sync.idenfy"]) {
    await expect(page.locator(`[data-job="${name}"]`)).toBeVisible();
  }
  // The sealer has run since start-up: it shows a last run, not "not run yet".
  await expect(page.locator('[data-job="audit.seal"]')).toContainText(/sealed \d+/, { timeout: 20_000 });

  const beltic = page.locator('[data-job="sync.beltic"]');
  // Earlier specs may have a Beltic sync going: one run at a time, so wait for it to end.
  await expect(beltic).not.toHaveAttribute("data-state", /running|queued/, { timeout: 60_000 });
  // Beltic's list API answers 500 to the first call and to both of Verdict's retries of it.
  await armFault("beltic", "error_500", 3);
  await beltic.getByRole("button", { name: /^Run now/ }).click();
  await expect(beltic).toHaveAttribute("data-state", "failed", { timeout: 30_000 });
  await expect(beltic).toContainText("Beltic is unavailable right now (HTTP 500).");

  await beltic.getByRole("button", { name: /^Retry/ }).click();
  await expect(page.getByTestId("jobs-message")).toContainText("Sync Beltic: queued");
  // The retry ran for the admin (trigger manual) and succeeded: the failure is gone.
  await expect(beltic).toHaveAttribute("data-state", "idle", { timeout: 30_000 });
  await expect(beltic).toContainText("trigger manual");
  await expect(beltic).not.toContainText("unavailable");
  await expect(beltic.getByRole("button", { name: /^Run now/ })).toBeEnabled();
});
