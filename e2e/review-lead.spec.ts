import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { armFault } from "./sandbox-control";

test("a provider failure shows the reason and leaves the case as it was", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/queue");
  const row = page.getByTestId("queue-row").filter({ hasText: "didit" }).first();
  await row.getByRole("link").click();
  await page.getByRole("button", { name: "Claim this case" }).click();
  const version = await page.getByTestId("case-view").getAttribute("data-version");
  // The document images come from Didit too: let them arrive first, or they take the faults.
  for (const image of await page.getByTestId("document-image").all()) await image.scrollIntoViewIfNeeded();
  await expect.poll(() => page.getByTestId("document-image").evaluateAll((images) => images.every((img) => (img as HTMLImageElement).complete))).toBe(true);

  await armFault("didit", "error_500", 5);
  await page.getByRole("radio", { name: "Approve" }).click();
  await page.getByLabel("Reason").selectOption("DATA_VERIFIED");
  await page.getByTestId("decision-form").getByRole("textbox", { name: "Comment" }).fill("checked");
  await page.getByRole("button", { name: "Approve", exact: true }).last().click();
  // Three attempts with backoff before Verdict gives up: allow for a slow machine.
  await expect(page.getByTestId("decision-error")).toContainText("Didit is unavailable right now (HTTP 500)", { timeout: 20_000 });
  await expect(page.getByTestId("decision-error")).toContainText("The case is unchanged");

  await page.reload();
  await expect(page.getByTestId("case-view")).toHaveAttribute("data-version", version!);
  await expect(page.getByTestId("case-view")).toContainText("Marked for review");
  await expect(page.getByTestId("timeline")).toContainText("approve failed");
});

test("a lead takes over a case a reviewer holds, and the queue shows it", async ({ browser }) => {
  const [reviewerContext, leadContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [reviewer, lead] = await Promise.all([reviewerContext.newPage(), leadContext.newPage()]);
  await signIn(reviewer, "reviewer");
  await reviewer.goto("/queue");
  await reviewer.getByRole("button", { name: "Next case" }).click();
  await expect(reviewer).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  const caseUrl = reviewer.url();

  await signIn(lead, "lead");
  await lead.goto(caseUrl);
  await expect(lead.getByTestId("claim-panel")).toContainText("Rui Reviewer is working on this case");
  await lead.getByRole("button", { name: "Take over" }).click();
  await expect(lead.getByTestId("claim-panel")).toContainText("You are working on this case");
  await lead.goto("/queue");
  const id = caseUrl.split("/").pop()!;
  await expect(lead.locator(`[data-testid="queue-row"][data-session-id="${id}"] [data-testid="queue-holder"]`)).toContainText("Lev Lead");

  await reviewer.reload();
  await expect(reviewer.getByTestId("claim-panel")).toContainText("Lev Lead is working on this case");
  await expect(reviewer.getByTestId("decision-form")).toHaveCount(0);
  await Promise.all([reviewerContext.close(), leadContext.close()]);
});

test("a lead redacts a session after typing the confirmation", async ({ page }) => {
  await signIn(page, "lead");
  await page.goto("/queue");
  const row = page.getByTestId("queue-row").filter({ hasText: "beltic" }).first();
  const name = (await row.getByRole("link").textContent())!.trim();
  await row.getByRole("link").click();
  await page.getByRole("button", { name: "Redact…" }).click();
  const redact = page.getByRole("button", { name: "Redact", exact: true });
  await expect(redact).toBeDisabled();
  await page.getByLabel("Type REDACT to confirm").fill("REDACT");
  await redact.click();
  await expect(page.getByTestId("case-view")).toContainText("Redacted");
  await expect(page.getByTestId("case-view")).not.toContainText(name);
  await expect(page.getByTestId("timeline")).toContainText("Personal data redacted here and at the provider");
});

test("an auditor sees a case with personal data masked and no decision controls", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/queue");
  await expect(page.getByRole("button", { name: "Next case" })).toHaveCount(0);
  await page.getByTestId("queue-row").first().getByRole("link").click();
  await expect(page.getByTestId("case-view")).toContainText("Personal data masked");
  await expect(page.getByTestId("document-image")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Claim this case" })).toHaveCount(0);
  await expect(page.getByTestId("decision-form")).toHaveCount(0);
});
