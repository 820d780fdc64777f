import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures";

const rows = (page: Page) => page.getByTestId("session-row");
const attributes = (page: Page, name: string) => rows(page).evaluateAll((els, attr) => els.map((el) => el.getAttribute(attr)), name);
const param = (page: Page, name: string) => new URL(page.url()).searchParams.getAll(name);

/** The start-up sync runs in the background: wait until more than one page has landed. */
async function openFullList(page: Page) {
  await expect(async () => {
    await page.goto("/sessions");
    await expect(rows(page)).toHaveCount(50);
    await expect(page.getByRole("link", { name: "Next page" })).toBeVisible();
  }).toPass({ timeout: 60_000 });
}

/** A session with a name of at least two words, read from a viewer who sees personal data. */
async function namedSession(page: Page) {
  const row = rows(page)
    .filter({ has: page.locator("bdi") })
    .first();
  return {
    name: (await row.locator("bdi").first().textContent())!.trim(),
    providerSessionId: (await row.getAttribute("data-provider-session-id"))!,
  };
}

test("a reviewer narrows the list by provider and status, and the URL carries the view", async ({ page }) => {
  await signIn(page, "reviewer");
  await openFullList(page);

  await page.getByRole("checkbox", { name: "iDenfy" }).check();
  await expect.poll(() => param(page, "provider")).toEqual(["idenfy"]);
  await expect.poll(async () => new Set(await attributes(page, "data-provider"))).toEqual(new Set(["idenfy"]));

  await page.getByRole("checkbox", { name: "Bynn" }).check();
  await expect.poll(() => param(page, "provider")).toEqual(["idenfy", "bynn"]);
  await expect.poll(async () => [...new Set(await attributes(page, "data-provider"))].every((p) => p === "idenfy" || p === "bynn")).toBe(true);

  // A status chip keeps the other filters and drops none of them.
  await page.getByRole("link", { name: /^Marked for review/ }).click();
  await expect.poll(() => param(page, "status")).toEqual(["marked_for_review"]);
  expect(param(page, "provider")).toEqual(["idenfy", "bynn"]);
  await expect.poll(async () => new Set(await attributes(page, "data-status"))).toEqual(new Set(["marked_for_review"]));

  // Several statuses at once, through the form.
  await page.getByText("Several statuses").click();
  await page.getByRole("checkbox", { name: "Approved" }).check();
  await expect.poll(() => param(page, "status")).toEqual(["marked_for_review", "approved"]);
  await expect.poll(async () => [...new Set(await attributes(page, "data-status"))].every((s) => s === "marked_for_review" || s === "approved")).toBe(true);

  // The same URL in a fresh tab shows the same rows.
  const shown = await attributes(page, "data-provider-session-id");
  const shared = await page.context().newPage();
  await shared.goto(page.url());
  expect(await attributes(shared, "data-provider-session-id")).toEqual(shown);
  await shared.close();

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/sessions$/);
  await expect(rows(page)).toHaveCount(50);
});

test("search finds a session by name or by its provider session id, and each row opens its case", async ({ page }) => {
  await signIn(page, "reviewer");
  await openFullList(page);
  const target = await namedSession(page);

  await page.getByLabel("Search", { exact: true }).fill(target.name);
  // The form sends the search composed (NFC); the sandbox stores some names decomposed, byte for byte.
  await expect.poll(() => param(page, "q")).toEqual([target.name.normalize("NFC")]);
  await expect(rows(page).filter({ hasText: target.name }).first()).toBeVisible();
  const wanted = target.name.normalize("NFC").toLowerCase();
  for (const text of await rows(page).allTextContents()) expect(text.normalize("NFC").toLowerCase()).toContain(wanted);

  await page.getByLabel("Search", { exact: true }).fill(target.providerSessionId);
  await expect.poll(() => attributes(page, "data-provider-session-id")).toEqual([target.providerSessionId]);
  const link = rows(page).first().getByRole("link").first();
  await expect(link).toHaveAttribute("href", /^\/sessions\/[0-9a-f-]{36}$/);

  await page.getByLabel("Search", { exact: true }).fill("no-such-applicant-anywhere");
  await expect(page.getByText("No sessions match.")).toBeVisible();
});

test("pages forward and back without losing or repeating a row, in either order", async ({ page }) => {
  await signIn(page, "lead");
  await openFullList(page);
  for (const order of ["Newest first", "Oldest first"]) {
    await page.getByLabel("Order").selectOption({ label: order });
    await expect(page.getByTestId("sessions-summary")).toContainText(order.toLowerCase());
    const first = await attributes(page, "data-provider-session-id");
    const times = (
      await rows(page)
        .locator("time")
        .evaluateAll((els) => els.map((el) => el.getAttribute("datetime")!))
    ).filter(Boolean);
    const sorted = [...times].sort();
    expect(times).toEqual(order === "Newest first" ? sorted.reverse() : sorted);

    await page.getByRole("link", { name: "Next page" }).click();
    await expect.poll(() => param(page, "cursor").length).toBe(1);
    const second = await attributes(page, "data-provider-session-id");
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((id) => first.includes(id))).toEqual([]);

    await page.getByRole("link", { name: "Previous page" }).click();
    await expect.poll(() => attributes(page, "data-provider-session-id")).toEqual(first);
    await page.goto("/sessions");
  }
});

test("a date range outside the data shows nothing, and a bad link explains what it ignored", async ({ page }) => {
  await signIn(page, "reviewer");
  await openFullList(page);
  await page.getByLabel("Created from (UTC)").fill("2099-01-01");
  await expect.poll(() => param(page, "from")).toEqual(["2099-01-01"]);
  await expect(page.getByText("No sessions match.")).toBeVisible();

  await page.goto("/sessions?status=bogus&provider=acme&sort=sideways&from=2025-02-30&cursor=not-a-cursor");
  const notes = page.getByTestId("list-notes");
  await expect(notes).toContainText("bogus");
  await expect(notes).toContainText("acme");
  await expect(notes).toContainText("sideways");
  await expect(notes).toContainText("2025-02-30");
  await expect(notes).toContainText("first page");
  await expect(rows(page)).toHaveCount(50);
});

test("an auditor sees masked data and can search by provider session id only", async ({ page, browser }) => {
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "reviewer");
  await openFullList(reviewer);
  const target = await namedSession(reviewer);
  await reviewerContext.close();

  await signIn(page, "auditor");
  await page.goto("/sessions");
  await expect(page.getByText(/matches exact provider session IDs only/)).toBeVisible();
  await page.getByLabel("Search", { exact: true }).fill(target.name);
  await expect.poll(() => param(page, "q")).toEqual([target.name.normalize("NFC")]);
  await expect(page.getByText("No sessions match.")).toBeVisible();

  await page.getByLabel("Search", { exact: true }).fill(target.providerSessionId);
  await expect.poll(() => attributes(page, "data-provider-session-id")).toEqual([target.providerSessionId]);
  await expect(page.getByTestId("sessions-table")).not.toContainText(target.name);
  await expect(rows(page).first().locator("bdi")).toHaveText(/^(\S•••)(\s+\S•••)*$/u);
});
