import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures";
import { E2E_USERS } from "./users";

/** The first iDenfy case whose document was read in its own script as well (Arabic, Cyrillic, Chinese). */
async function openOtherScriptCase(page: Page): Promise<string> {
  await page.goto("/sessions?provider=idenfy");
  const links = await page
    .getByTestId("session-row")
    .getByRole("link")
    .evaluateAll((all) => all.map((a) => a.getAttribute("href")!));
  for (const href of links) {
    await page.goto(href);
    if ((await page.locator('[data-testid="comparison-row"][data-result="other_script"]').count()) > 0) return href;
  }
  throw new Error("the sandbox seeded no iDenfy case with an original-script reading");
}

test("names in another script: same name, other script, with the Latin reading; masked for an auditor", async ({ page, browser }) => {
  await signIn(page, "reviewer");
  const href = await openOtherScriptCase(page);
  const row = page.locator('[data-testid="comparison-row"][data-result="other_script"]').first();
  await expect(row).toContainText("Same name, other script");
  await expect(row.getByTestId("reading")).toContainText("reads as");
  // One spelling per provider: iDenfy, as it spells itself.
  await expect(page.getByTestId("case-view")).toContainText("iDenfy");
  await expect(page.getByTestId("case-view")).not.toContainText("Idenfy");

  const auditor = await (await browser.newContext()).newPage();
  await signIn(auditor, "auditor");
  await auditor.goto(href);
  const masked = auditor.locator('[data-testid="comparison-row"][data-result="other_script"]').first();
  await expect(masked).toContainText("Same name, other script");
  await expect(masked.getByTestId("reading")).toHaveCount(0);
  await expect(masked).toContainText("•••");
  await auditor.context().close();
});

test("claims and releases fold into one timeline row that opens to show them", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/queue");
  await page
    .getByTestId("queue-row")
    .filter({ has: page.getByTestId("queue-holder").getByText("—", { exact: true }) })
    .last()
    .getByRole("link")
    .click();
  for (let i = 0; i < 3; i++) {
    await page.getByRole("button", { name: "Claim this case" }).click();
    await expect(page.getByTestId("claim-panel")).toContainText("You are working on this case");
    await page.getByRole("button", { name: "Release" }).click();
    await expect(page.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
  }
  await page.reload();
  // Other specs may have claimed this case before: the run folds with theirs, so count what is there.
  const group = page.getByTestId("timeline-group").first();
  await expect(group).toContainText(new RegExp(`Claimed and released \\d+ times by ${E2E_USERS.reviewer.name}`));
  const times = Number(/released (\d+) times/.exec(await group.locator("summary").innerText())![1]);
  expect(times).toBeGreaterThanOrEqual(3);
  const rows = group.locator("ol > li");
  await expect(rows.first()).toBeHidden();
  await group.locator("summary").click();
  await expect(rows).toHaveCount(2 * times);
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText("Released");
});
