import { expect, test, type Page } from "@playwright/test";
import { createUser, signInAs, unique } from "./admin-fixtures";
import { signIn } from "./fixtures";
import { createProviderSession, moveProviderSession } from "./sandbox-control";

const CASES = 10;
const KEYS = [
  { key: "d", label: "Decline" },
  { key: "a", label: "Approve" },
  { key: "r", label: "Request resubmission" },
] as const;
const UUID = /\/sessions\/([0-9a-f-]{36})$/;

/** Keys pressed before the page's listeners are attached would be lost: wait until they are. */
async function keysReady(page: Page, sessionId: string) {
  await expect(page.getByTestId("case-shortcuts")).toHaveAttribute("data-ready-for", sessionId);
}

test("a new reviewer signs in and works ten cases by keyboard alone", async ({ page, browser }) => {
  test.setTimeout(240_000);
  // Ten fresh review cases make up for the ten this takes, so later specs find the queue as full.
  for (let i = 0; i < CASES; i++) {
    const id = await createProviderSession("didit");
    await moveProviderSession("didit", id, "In Progress");
    await moveProviderSession("didit", id, "In Review");
  }
  await signIn(page, "admin");
  const email = unique("keys");
  const name = `Kim Keys ${email.slice(5, 11)}`;
  const password = "keyboard only passphrase 42";
  await createUser(page, { name, email, role: "Reviewer", password });

  const reviewer = await signInAs(browser, email, password, name);
  await reviewer.goto("/queue");
  await expect(reviewer.getByTestId("queue-shortcuts")).toHaveAttribute("data-ready-for", "queue");
  await reviewer.keyboard.press("n");

  const decided: { sessionId: string; action: string }[] = [];
  for (let i = 0; i < CASES; i++) {
    await expect(reviewer).toHaveURL(UUID);
    const sessionId = UUID.exec(new URL(reviewer.url()).pathname)![1]!;
    expect(decided.map((d) => d.sessionId)).not.toContain(sessionId);
    await keysReady(reviewer, sessionId);
    await expect(reviewer.getByTestId("claim-panel")).toContainText("You are working on this case");

    // Rotate through the three decisions, skipping one the provider cannot take.
    let choice = KEYS[i % KEYS.length]!;
    if (await reviewer.getByRole("radio", { name: choice.label }).isDisabled()) choice = KEYS[0];
    await reviewer.keyboard.press(choice.key);
    await expect(reviewer.getByRole("radio", { name: choice.label })).toHaveAttribute("aria-checked", "true");
    const reason = reviewer.getByLabel("Reason");
    await expect(reason).toBeFocused();
    await reviewer.keyboard.press("ArrowDown");
    await expect(reason).not.toHaveValue("");
    await reviewer.keyboard.press("Tab");
    await expect(reviewer.getByTestId("decision-form").getByRole("textbox", { name: "Comment" })).toBeFocused();
    await reviewer.keyboard.type(`Keyboard review ${i + 1}: documents checked`);
    await reviewer.keyboard.press("Control+Enter");
    decided.push({ sessionId, action: choice.label });
    // After a decision Verdict claims and opens the next case by itself.
    await expect(reviewer).not.toHaveURL(new RegExp(`/sessions/${sessionId}$`), { timeout: 20_000 });
  }

  // Every decision took effect: the decision history holds ten, by this reviewer, on these cases.
  await page.goto("/audit/decisions");
  const actorId = await page.locator("#decisions-actor option", { hasText: email }).getAttribute("value");
  await page.goto(`/audit/decisions?actor=${actorId}`);
  const rows = page.getByTestId("decision-row");
  await expect(rows).toHaveCount(CASES);
  for (const state of await rows.evaluateAll((all) => all.map((row) => row.getAttribute("data-state")))) expect(["confirmed", "recorded"]).toContain(state);
  const sessions = await rows.locator('a[href^="/audit/sessions/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")!.split("/").pop()));
  expect(sessions.sort()).toEqual(decided.map((d) => d.sessionId).sort());
  await reviewer.context().close();
});
