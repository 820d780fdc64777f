import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { armFault, createProviderSession, lastDelivery, moveProviderSession } from "./sandbox-control";

/** Each provider's own words for "needs a human" and "approved", and the way there. */
const LIFECYCLES = {
  didit: { toReview: ["In Progress", "In Review"], reviewRaw: /In Review/, approved: "Approved", approvedRaw: /Approved/ },
  beltic: { toReview: ["started", "pending", "completed", "marked_for_review"], reviewRaw: /marked_for_review/, approved: "approved", approvedRaw: /approved/ },
  idenfy: { toReview: ["SUSPECTED"], reviewRaw: /SUSPECTED/, approved: "APPROVED", approvedRaw: /APPROVED/ },
  // Bynn names a state by its event in webhooks, and by the dossier status when the session is read back.
  bynn: {
    toReview: ["decision.challenge"],
    reviewRaw: /decision\.challenge|dossier:needs_attention/,
    approved: "dossier.approved",
    approvedRaw: /dossier[.:]approved/,
  },
};

async function rowFor(page: Page, status: string, providerSessionId: string) {
  await page.goto(`/sessions?status=${status}`);
  return page.locator(`[data-testid="session-row"][data-provider-session-id="${providerSessionId}"]`);
}

for (const [provider, lifecycle] of Object.entries(LIFECYCLES)) {
  test(`a signed ${provider} webhook puts a session in the review queue and its approval moves it`, async ({ page }) => {
    await signIn(page, "reviewer");
    const sessionId = await createProviderSession(provider);
    for (const status of lifecycle.toReview) await moveProviderSession(provider, sessionId, status);
    const inReview = await rowFor(page, "marked_for_review", sessionId);
    await expect(inReview).toHaveCount(1);
    await expect(inReview).toContainText(lifecycle.reviewRaw);

    await moveProviderSession(provider, sessionId, lifecycle.approved);
    await expect(await rowFor(page, "approved", sessionId)).toContainText(lifecycle.approvedRaw);
    await expect(await rowFor(page, "marked_for_review", sessionId)).toHaveCount(0);
  });
}

// Beltic's webhooks carry the whole session, so no follow-up read can bring the new state in.
test("a webhook with a bad signature is refused and changes nothing on screen", async ({ page }) => {
  await signIn(page, "reviewer");
  const sessionId = await createProviderSession("beltic");
  await moveProviderSession("beltic", sessionId, "started");
  await expect(await rowFor(page, "started", sessionId)).toHaveCount(1);
  await armFault("beltic", "bad_signature");
  await moveProviderSession("beltic", sessionId, "pending");
  expect(await lastDelivery("beltic")).toMatchObject({ status: 401, badSignature: true });
  await expect(await rowFor(page, "pending", sessionId)).toHaveCount(0);
  await expect(await rowFor(page, "started", sessionId)).toHaveCount(1);
});

test("an admin syncs a provider on demand and sees the result", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin");
  const beltic = page.locator('[data-provider="beltic"]');
  await beltic.getByRole("button", { name: "Sync now" }).click();
  await expect(beltic).toContainText(/Last sync succeeded \(manual\)/, { timeout: 20_000 });
  await expect(page.locator('[data-provider="bynn"]')).toContainText("Webhook-fed");
  await expect(page.locator('[data-provider="idenfy"]')).toContainText("/api/webhooks/idenfy");
});
