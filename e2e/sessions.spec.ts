import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test("a reviewer sees sessions synced from the sandbox and filters them by status", async ({ page }) => {
  await signIn(page, "reviewer");
  // The start-up sync runs in the background: wait for it to land.
  await expect(async () => {
    await page.goto("/sessions");
    expect(await page.getByTestId("session-row").count()).toBeGreaterThan(10);
  }).toPass({ timeout: 30_000 });

  const rows = page.getByTestId("session-row");
  await expect(rows.filter({ hasText: "didit" }).first()).toBeVisible();
  // Names in non-Latin scripts arrive intact (the sandbox generates Cyrillic, Chinese and Arabic ones).
  await expect(page.getByTestId("sessions-table")).toContainText(/[\u0400-\u04FF]/);
  await expect(page.getByTestId("sessions-table")).toContainText(/[\u4E00-\u9FFF]/);
  await expect(page.getByTestId("sessions-table")).toContainText(/[\u0600-\u06FF]/);

  await page.getByRole("link", { name: /Marked for review/ }).click();
  await expect(page).toHaveURL(/status=marked_for_review/);
  await expect(rows.first()).toBeVisible();
  const statuses = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-status")));
  expect(new Set(statuses)).toEqual(new Set(["marked_for_review"]));
  await expect(page.getByTestId("sessions-table")).toContainText("In Review");

  await page.getByRole("link", { name: /^Approved/ }).click();
  await expect(page).toHaveURL(/status=approved/);
  const approved = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-status")));
  expect(new Set(approved)).toEqual(new Set(["approved"]));
});

test("an auditor sees the list with personal data masked", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/sessions");
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  const names = await page.getByTestId("session-row").locator("td:first-child bdi").allTextContents();
  expect(names.length).toBeGreaterThan(0);
  for (const name of names.filter((n) => n !== "—")) expect(name).toMatch(/^(\S•••)(\s+\S•••)*$/u);
});
