import { expect, test, type Page } from "@playwright/test";
import { unique } from "./admin-fixtures";
import { signIn } from "./fixtures";

const CASE_URL = /\/sessions\/([0-9a-f-]{36})(\?.*)?$/;
const idOf = (page: Page) => CASE_URL.exec(new URL(page.url()).pathname)?.[1] ?? "";

/** Keys pressed before the page's listeners are attached are lost: wait until they listen. */
async function keysReady(page: Page, where: string) {
  await expect(page.getByTestId(where === "queue" ? "queue-shortcuts" : "case-shortcuts")).toHaveAttribute("data-ready-for", where);
  // The queue's rows stream in after its shell and shortcuts (components/sessions/list-skeleton.tsx).
  if (where === "queue") await expect(page.getByTestId("queue-row").first()).toBeVisible();
}

/** An unclaimed case's page, opened from the queue as a reviewer would. */
async function openUnclaimed(page: Page, skip = 0) {
  await page.goto("/queue?assignee=unassigned");
  const href = await page.getByTestId("queue-row").nth(skip).getByRole("link").first().getAttribute("href");
  await page.goto(href!);
  await keysReady(page, idOf(page));
  await expect(page.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
  return idOf(page);
}

test("a decision sent without a reason and comment marks both fields and names them", async ({ page }) => {
  await signIn(page, "lead");
  await page.goto("/queue");
  await keysReady(page, "queue");
  await page.keyboard.press("n");
  await expect(page).toHaveURL(CASE_URL);
  await keysReady(page, idOf(page));
  await page.keyboard.press("d");
  const reason = page.getByLabel("Reason");
  const comment = page.getByTestId("decision-form").getByRole("textbox", { name: "Comment" });
  await expect(reason).toBeFocused();
  await page.keyboard.press("Control+Enter");

  await expect(page.getByTestId("decision-error")).toHaveText("Check the highlighted fields: Reason, Comment.");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(comment).toHaveAttribute("aria-invalid", "true");
  // The message beside each field is the one read out with it.
  await expect(page.locator(`#${await reason.getAttribute("aria-describedby")}`)).toHaveText("Choose a reason");
  await expect(page.locator(`#${await comment.getAttribute("aria-describedby")}`)).toHaveText("Add a comment");

  await reason.selectOption({ index: 1 });
  await expect(reason).not.toHaveAttribute("aria-invalid", "true");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("decision-error")).toHaveText("Check the highlighted fields: Comment.");
  await expect(comment).toBeFocused();
  await page.getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
});

test("a form the server refuses marks the fields it names", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("E-mail").fill(unique("fields").replace("@", " at "));
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("create-user-error")).toHaveText(/^Check the highlighted fields: (Name, E-mail|E-mail, Name)\.$/);
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Role", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
});

test("claiming a case raises no 'changed' banner; someone else's change does", async ({ page, browser }) => {
  await signIn(page, "reviewer");
  const sessionId = await openUnclaimed(page);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  // A second stream in the same page: once it hears the claim, the page's own stream has too.
  await page.evaluate((id) => {
    const heard: string[] = [];
    Object.assign(window, { __heard: heard });
    const source = new EventSource("/api/events");
    source.addEventListener("sessions", (event) => {
      if ((event as MessageEvent<string>).data.includes(id)) heard.push((event as MessageEvent<string>).data);
    });
    return new Promise<void>((resolve) => source.addEventListener("ready", () => resolve()));
  }, sessionId);

  await page.getByRole("button", { name: "Claim this case" }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("You are working on this case");
  await expect.poll(() => page.evaluate(() => (window as unknown as { __heard: string[] }).__heard.join("\n"))).toContain('"reason":"claim"');
  await page.waitForTimeout(500);
  await expect(page.getByTestId("case-changed-banner")).toHaveText("");

  // Someone else's change is news: a lead takes the case over.
  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, "lead");
  await lead.goto(`/sessions/${sessionId}`);
  await lead.getByRole("button", { name: "Take over" }).click();
  await expect(lead.getByTestId("claim-panel")).toContainText("You are working on this case");
  await expect(page.getByTestId("case-changed-banner")).toContainText("This case changed since you opened it.");
  await lead.getByRole("button", { name: "Release" }).click();
  await expect(lead.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
  await lead.context().close();
});

test("on the queue, j and k move through the rows and come back, ? shows the help, n takes a case", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/queue");
  await keysReady(page, "queue");
  const rows = page.getByTestId("queue-row");
  const link = (n: number) => rows.nth(n).getByRole("link").first();
  await page.keyboard.press("j");
  await expect(link(0)).toBeFocused();
  await page.keyboard.press("j");
  await expect(link(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(link(0)).toBeFocused();

  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-help")).toContainText("Next / previous case in the queue");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-help")).toHaveCount(0);

  // Enter on the selected row opens it, as on any link.
  const firstId = await rows.nth(0).getAttribute("data-session-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/sessions/${firstId}$`));

  await page.goto("/queue");
  await keysReady(page, "queue");
  await page.keyboard.press("n");
  await expect(page).toHaveURL(CASE_URL);
  await expect(page.getByTestId("claim-panel")).toContainText("You are working on this case");
  await page.getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
});

test("on a case nobody holds, ? j k and n work, and k after j returns to it", async ({ page }) => {
  await signIn(page, "reviewer");
  const start = await openUnclaimed(page, 2);
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-help")).toContainText("Request resubmission");
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-help")).toHaveCount(0);

  await page.keyboard.press("j");
  await expect(page).not.toHaveURL(new RegExp(`/sessions/${start}`));
  const next = idOf(page);
  await keysReady(page, next);
  await page.keyboard.press("k");
  await expect(page).toHaveURL(new RegExp(`/sessions/${start}(\\?|$)`));
  await keysReady(page, start);
  await page.keyboard.press("j");
  await expect(page).toHaveURL(new RegExp(`/sessions/${next}(\\?|$)`));
  await keysReady(page, next);

  await page.keyboard.press("n");
  await expect(page.getByTestId("claim-panel")).toContainText("You are working on this case");
  await page.getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
});

test("k after j returns even to a case that is not in the queue", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/sessions?status=approved");
  const href = await page.getByTestId("session-row").first().getByRole("link").first().getAttribute("href");
  await page.goto(href!);
  const start = idOf(page);
  await keysReady(page, start);
  await page.keyboard.press("j");
  await expect(page).not.toHaveURL(new RegExp(`/sessions/${start}`));
  await keysReady(page, idOf(page));
  await page.keyboard.press("k");
  await expect(page).toHaveURL(new RegExp(`/sessions/${start}(\\?|$)`));
});
