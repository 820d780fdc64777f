import fs from "node:fs";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { maskName } from "../lib/sessions/mask";
import { signIn } from "./fixtures";
import type { E2ERole } from "./users";

const NON_LATIN = /[\u0400-\u04FF\u0600-\u06FF\u4E00-\u9FFF]/;
const CSV_HEADER = "Decided at (UTC),Decision ID,Session ID,Provider,Provider session ID,Applicant,Action,Reason code";

const opened: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(opened.splice(0).map((context) => context.close()));
});

/** A signed-in page in a context of its own, so several roles can act in one test. */
async function as(browser: Browser, role: E2ERole): Promise<Page> {
  const context = await browser.newContext();
  opened.push(context);
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

/** A reviewer declines an unclaimed queue case whose applicant has a non-Latin name; returns that name. */
async function declineNonLatinCase(page: Page): Promise<string> {
  await page.goto("/queue");
  const row = page
    .getByTestId("queue-row")
    .filter({ hasText: NON_LATIN })
    .filter({ has: page.getByTestId("queue-holder").getByText("—", { exact: true }) })
    .first();
  const link = row.getByRole("link");
  const name = (await link.innerText()).trim();
  expect(name).toMatch(NON_LATIN);
  await link.click();
  await page.getByRole("button", { name: "Claim this case" }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("You are working on this case");
  const caseUrl = page.url();
  await page.getByRole("radio", { name: "Decline" }).click();
  await page.getByLabel("Reason").selectOption("DATA_MISMATCH");
  await page.getByTestId("decision-form").getByRole("textbox", { name: "Comment" }).fill("Name differs from the document — audit e2e");
  await page.getByRole("button", { name: "Decline", exact: true }).last().click();
  await expect(page).not.toHaveURL(caseUrl);
  return name;
}

async function exportCsv(page: Page, day: string): Promise<string> {
  await page.goto("/audit/decisions");
  await page.getByLabel("Decided from (UTC)").fill(day);
  await page.getByLabel("Decided to (UTC)").fill(day);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}`));
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  return fs.readFileSync(file, "utf8");
}

test("an auditor exports a day's decision history to CSV, names masked, and opens the evidence page", async ({ browser }) => {
  const name = await declineNonLatinCase(await as(browser, "reviewer"));
  const today = new Date().toISOString().slice(0, 10);

  const auditor = await as(browser, "auditor");
  const csv = await exportCsv(auditor, today);
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.slice(1)).toMatch(new RegExp(`^${CSV_HEADER.replace(/[()]/g, "\\$&")}`));
  // The auditor may not see personal data: the name arrives masked, its first letters intact.
  const masked = maskName(name)!;
  expect(masked).toMatch(NON_LATIN);
  expect(csv).toContain(masked);
  expect(csv).not.toContain(name);
  expect(csv).not.toContain("audit e2e");

  await auditor.getByTestId("decision-row").filter({ hasText: masked }).first().getByRole("link").click();
  await expect(auditor.getByRole("heading", { name: "Session evidence" })).toBeVisible();
  await expect(auditor.getByRole("button", { name: "Print" })).toBeVisible();
  // Reasons in the catalogue's words, in the decision history and the timeline alike.
  const decisionRow = auditor.getByTestId("evidence-page").getByTestId("decision-row").first();
  await expect(decisionRow).toContainText("Applicant data does not match the document");
  await expect(decisionRow).not.toContainText("DATA_MISMATCH");
  await expect(auditor.getByTestId("evidence-timeline")).toContainText("Declined: Applicant data does not match the document");

  // An admin may see personal data: the same export carries the name itself, intact.
  const adminCsv = await exportCsv(await as(browser, "admin"), today);
  expect(adminCsv).toContain(name);
  expect(adminCsv).toContain("Name differs from the document — audit e2e");

  await auditor.goto("/audit?action=audit.export");
  await expect(auditor.getByTestId("audit-row").first()).toContainText("audit.export");
});

test("a reviewer opening the audit pages gets the 403 page, and the export answers 403", async ({ page }) => {
  await signIn(page, "reviewer");
  for (const url of ["/audit", "/audit/decisions"]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    await expect(page.getByTestId("audit-log-table")).toHaveCount(0);
  }
  expect((await page.request.get("/api/audit/decisions/export")).status()).toBe(403);
});

test("a lead reads the decision history but may not export it", async ({ page }) => {
  await signIn(page, "lead");
  await page.goto("/audit/decisions");
  await expect(page.getByRole("heading", { name: "Audit", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  expect((await page.request.get("/api/audit/decisions/export")).status()).toBe(403);
});

test("an admin presses Verify chain and sees the chain intact", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("chain-result")).toContainText(/audit chain intact: \d+ rows?/);
  await page.goto("/audit?action=audit.verify");
  await expect(page.getByTestId("audit-row").first()).toContainText("admin@e2e.test");
});
