import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures";
import { createProviderSession, moveProviderSession } from "./sandbox-control";

const rowsOf = (page: Page) => page.getByTestId("queue-row");
const texts = (page: Page, testId: string) => page.getByTestId("queue-row").getByTestId(testId).allInnerTexts();

test("the queue filters by provider and age from the form, and the URL holds them", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/queue");
  const all = await rowsOf(page).count();
  const form = page.getByRole("search", { name: "Filter the queue" });
  await form.getByLabel("Provider").selectOption("didit");
  await form.getByLabel(/^Age/).selectOption("over_7d");
  await form.getByRole("button", { name: "Apply filters" }).click();
  // The tidy URL: only the filters that are set.
  await expect(page).toHaveURL(/\/queue\?provider=didit&age=over_7d$/);
  const rows = rowsOf(page);
  expect(await rows.count()).toBeGreaterThan(0);
  expect(await rows.count()).toBeLessThan(all);
  for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain("didit");
  for (const age of await rows.locator("td:first-child").allInnerTexts()) expect(Number(/(\d+) d/.exec(age)?.[1])).toBeGreaterThanOrEqual(7);
  await expect(form.getByLabel("Provider")).toHaveValue("didit");
  await expect(page.getByTestId("queue-summary")).toContainText("match these filters");

  // The same URL, opened afresh, is the same view.
  await page.goto("/queue?provider=didit&age=over_7d");
  await expect(rowsOf(page)).toHaveCount(await rows.count());
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/queue$/);
  await expect(rowsOf(page)).toHaveCount(all);
});

test("the queue filters by risk signal", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/queue?risk=failed");
  expect(await rowsOf(page).count()).toBeGreaterThan(0);
  for (const text of await rowsOf(page).allInnerTexts()) expect(text).toMatch(/\d+ failed/);

  await page.goto("/queue");
  const code = (await page.getByTestId("queue-row").locator("code").first().innerText()).trim();
  await page.getByRole("search", { name: "Filter the queue" }).getByLabel("Risk signal").selectOption(code);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/queue\\?risk=${encodeURIComponent(code)}$`));
  // The filtered rows stream in after the URL changed.
  await expect(rowsOf(page).first()).toBeVisible();
  expect(await rowsOf(page).count()).toBeGreaterThan(0);
  for (const row of await rowsOf(page).all()) await expect(row.locator("code", { hasText: code }).first()).toBeVisible();
});

test("the queue filters by who holds a case: unassigned, mine, a named user", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/queue");
  await page.getByRole("button", { name: "Next case" }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  const mine = new URL(page.url()).pathname.split("/").pop();

  await page.goto("/queue?assignee=mine");
  await expect(page.locator(`[data-testid="queue-row"][data-session-id="${mine}"]`)).toHaveCount(1);
  for (const holder of await texts(page, "queue-holder")) expect(holder).toContain("Rui Reviewer");

  await page.goto("/queue?assignee=unassigned");
  for (const holder of await texts(page, "queue-holder")) expect(holder).toBe("—");
  await expect(page.locator(`[data-testid="queue-row"][data-session-id="${mine}"]`)).toHaveCount(0);

  // A named user, picked from the form.
  await page.goto("/queue");
  await page.getByRole("search", { name: "Filter the queue" }).getByLabel("Held by").selectOption({ label: "Rui Reviewer" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/queue\?assignee=[0-9a-f-]{36}$/);
  await expect(page.locator(`[data-testid="queue-row"][data-session-id="${mine}"]`)).toHaveCount(1);
  for (const holder of await texts(page, "queue-holder")) expect(holder).toContain("Rui Reviewer");

  await page.goto(`/sessions/${mine}`);
  await page.getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
});

test("the oldest overdue case stands out; a fresh case is not overdue", async ({ page }) => {
  const fresh = await createProviderSession("didit");
  await moveProviderSession("didit", fresh, "In Progress");
  await moveProviderSession("didit", fresh, "In Review");
  await signIn(page, "reviewer");
  await page.goto("/queue");
  const first = rowsOf(page).first();
  await expect(first).toHaveAttribute("data-oldest-overdue", "true");
  await expect(first.getByTestId("oldest-overdue-badge")).toHaveText("Oldest overdue");
  await expect(page.locator('[data-testid="queue-row"][data-oldest-overdue]')).toHaveCount(1);
  const name = await first.getByRole("link").first().innerText();
  await expect(page.getByTestId("oldest-overdue")).toContainText(`Oldest overdue: ${name}`);
  await expect(page.getByTestId("queue-summary")).toContainText(/\d+ overdue \(over 24 h\)/);

  await page.goto("/queue?age=under_1d");
  const row = page.locator(`[data-testid="queue-row"][data-provider-session-id="${fresh}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-overdue", "false");
  await expect(page.getByTestId("oldest-overdue")).toHaveCount(0);
});

test("a filter the queue cannot use is named, and the queue still shows", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/queue?provider=acme&age=1d_3d");
  await expect(page.getByTestId("list-notes")).toContainText("Ignored provider “acme”");
  await expect(page.getByRole("search", { name: "Filter the queue" }).getByLabel(/^Age/)).toHaveValue("1d_3d");
});
