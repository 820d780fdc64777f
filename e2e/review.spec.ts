import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { E2E_CREDENTIALS_FILE, E2E_SANDBOX_URL } from "./users";

const diditKey = () => (JSON.parse(fs.readFileSync(E2E_CREDENTIALS_FILE, "utf8")) as { didit: { apiKey: string } }).didit.apiKey;

/** What the sandbox's Didit now holds for a session, read through Didit's own API. */
async function diditDecision(providerSessionId: string) {
  const response = await fetch(`${E2E_SANDBOX_URL}/didit/v3/session/${providerSessionId}/decision/`, { headers: { "x-api-key": diditKey() } });
  return (await response.json()) as { status: string; reviews?: { comment?: string; new_status?: string }[] };
}

test("a reviewer works a case from the queue: compare, image, decline, next case", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.getByRole("link", { name: "Queue" }).click();
  await page.getByRole("button", { name: "Next case" }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("claim-panel")).toContainText("You are working on this case");
  await page.getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("Nobody is working on this case");

  // A Didit case whose document disagrees with the applicant (the sandbox seeds these).
  await page.goto("/queue");
  const row = page.getByTestId("queue-row").filter({ hasText: "didit" }).filter({ hasText: "DATA_INCONSISTENT" }).first();
  const providerSessionId = (await row.getAttribute("data-provider-session-id"))!;
  await row.getByRole("link").click();
  await page.getByRole("button", { name: "Claim this case" }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("You are working on this case");
  // Didit's DATA_INCONSISTENT may be a real mismatch or only a name in another script (Nour / نور).
  await expect(
    page.locator('[data-testid="comparison-row"]:is([data-result="mismatch"], [data-result="other_script"], [data-result="other_script_check"])').first(),
  ).toBeVisible();

  const image = page.getByTestId("document-image").first();
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const caseUrl = page.url();

  await page.getByRole("radio", { name: "Decline" }).click();
  await page.getByLabel("Reason").selectOption("DATA_MISMATCH");
  await page.getByTestId("decision-form").getByRole("textbox", { name: "Comment" }).fill("Date of birth differs from the passport — e2e");
  await page.getByRole("button", { name: "Decline", exact: true }).last().click();
  await expect(page).not.toHaveURL(caseUrl);
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$|\/queue\?empty=1/);

  const atProvider = await diditDecision(providerSessionId);
  expect(atProvider.status).toBe("Declined");
  expect(JSON.stringify(atProvider.reviews)).toContain("Date of birth differs from the passport — e2e");

  await page.goto(caseUrl);
  // The reason in the catalogue's words, not its code.
  await expect(page.getByTestId("timeline")).toContainText("Declined: Applicant data does not match the document (confirmed by the provider)");
  await expect(page.getByTestId("case-view")).toContainText("Declined");
});

test("two reviewers pressing Next case at once get different cases", async ({ browser }) => {
  const [one, two] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [a, b] = await Promise.all([one.newPage(), two.newPage()]);
  await signIn(a, "reviewer");
  await signIn(b, "lead");
  await Promise.all([a.goto("/queue"), b.goto("/queue")]);
  await Promise.all([a.getByRole("button", { name: "Next case" }).click(), b.getByRole("button", { name: "Next case" }).click()]);
  await Promise.all([expect(a).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/), expect(b).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/)]);
  expect(a.url()).not.toBe(b.url());
  await Promise.all([one.close(), two.close()]);
});

test("keyboard: ? shows the shortcuts, d picks decline", async ({ page }) => {
  await signIn(page, "lead");
  await page.goto("/queue");
  await page.getByRole("button", { name: "Next case" }).click();
  await expect(page.getByTestId("decision-form")).toBeVisible();
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-help")).toContainText("Request resubmission");
  await page.keyboard.press("d");
  await expect(page.getByRole("radio", { name: "Decline" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByLabel("Reason")).toBeFocused();
});
