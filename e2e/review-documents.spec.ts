import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures";
import { E2E_SANDBOX_URL } from "./users";

/** A Didit case from the queue (Didit cases carry document images); returns its provider session id. */
async function openDiditCase(page: Page): Promise<{ providerSessionId: string; href: string }> {
  await page.goto("/queue?provider=didit&assignee=unassigned");
  const row = page.getByTestId("queue-row").first();
  const providerSessionId = (await row.getAttribute("data-provider-session-id"))!;
  const href = (await row.getByRole("link").first().getAttribute("href"))!;
  return { providerSessionId, href };
}

async function faults(body?: object) {
  const response = await fetch(`${E2E_SANDBOX_URL}/_control/faults`, {
    method: body ? "POST" : "DELETE",
    headers: { "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(response.ok).toBe(true);
}

test("an image the provider does not send shows a placeholder that says why", async ({ page }) => {
  await signIn(page, "reviewer");
  const { providerSessionId, href } = await openDiditCase(page);
  // Every download of this session's images fails at Didit's media storage.
  await faults({ provider: "didit", mode: "error_500", count: 50, pathIncludes: `/media/${providerSessionId}/` });
  try {
    await page.goto(href);
    const placeholder = page.getByTestId("image-placeholder").first();
    await expect(placeholder).toBeVisible();
    await expect(placeholder.getByTestId("image-failure-reason")).toHaveText(/\S.*\(HTTP 502\)$/);
    await expect(placeholder.getByTestId("image-failure-reason")).not.toContainText("Finding out why");
    await expect(page.getByTestId("document-image")).toHaveCount(0);
    await expect(placeholder.getByRole("button", { name: "Try again" })).toBeVisible();
  } finally {
    await faults();
  }
  // Once the provider answers again, Try again shows the image.
  await page.getByTestId("image-placeholder").first().getByRole("button", { name: "Try again" }).click();
  const image = page.getByTestId("document-image").first();
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
});

test("a refused image says so in words, not a broken icon", async ({ page }) => {
  await signIn(page, "reviewer");
  const { href } = await openDiditCase(page);
  // The route's JSON answer, as it gives it for an image it no longer has.
  await page.route("**/api/sessions/*/media/**", (route) =>
    route.fulfill({ status: 404, contentType: "application/json", body: JSON.stringify({ error: "No such image." }) }),
  );
  await page.goto(href);
  await expect(page.getByTestId("image-failure-reason").first()).toHaveText("No such image. (HTTP 404)");
});

test("an image opens in the page, zooms and rotates by keyboard, and Esc gives the focus back", async ({ page, context }) => {
  await signIn(page, "reviewer");
  const { href } = await openDiditCase(page);
  await page.goto(href);
  await page.getByRole("button", { name: "Claim this case" }).click();
  await expect(page.getByTestId("decision-form")).toBeVisible();
  const thumbnail = page.getByRole("button", { name: /^Open the .+ image$/ }).first();
  await expect(page.getByTestId("document-image").first()).toBeVisible();
  await thumbnail.focus();
  await page.keyboard.press("Enter");

  const viewer = page.getByTestId("image-viewer");
  await expect(viewer).toBeVisible();
  expect(await viewer.evaluate((dialog: HTMLDialogElement) => dialog.open && dialog.matches(":modal"))).toBe(true);
  expect(context.pages()).toHaveLength(1);
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  const image = page.getByTestId("viewer-image");
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const width = async () => (await image.boundingBox())!.width;
  const before = await width();

  await page.keyboard.press("+");
  await expect(viewer).toHaveAttribute("data-zoom", "1.25");
  expect(await width()).toBeCloseTo(before * 1.25, 0);
  await page.keyboard.press("+");
  await page.keyboard.press("-");
  await expect(viewer).toHaveAttribute("data-zoom", "1.25");
  await page.keyboard.press("r");
  await expect(viewer).toHaveAttribute("data-rotation", "90");
  await expect(image).toHaveAttribute("style", /rotate\(90deg\)/);
  await expect(page.getByTestId("viewer-state")).toHaveText("125 % · 90°");
  await page.keyboard.press("0");
  await expect(viewer).toHaveAttribute("data-zoom", "1.00");
  await expect(viewer).toHaveAttribute("data-rotation", "0");

  await page.keyboard.press("Escape");
  await expect(viewer).toHaveCount(0);
  await expect(thumbnail).toBeFocused();
  // The viewer's r rotated; it did not reach the decision form (r: request resubmission).
  await expect(page.locator('[role="radio"][aria-checked="true"]')).toHaveCount(0);
  await page.getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("Nobody is working on this case");
});

test("the app has its icon and manifest, served without a sign-in", async ({ request, page }) => {
  const icon = await request.get("/favicon.ico", { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  const bytes = await icon.body();
  expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO header
  expect(bytes.readUInt16LE(4)).toBeGreaterThanOrEqual(2);

  const manifest = await request.get("/manifest.webmanifest", { maxRedirects: 0 });
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as { name: string; icons: { src: string; type: string }[] };
  expect(body.name).toBe("Verdict");
  for (const entry of body.icons) {
    const file = await request.get(entry.src, { maxRedirects: 0 });
    expect(file.status(), entry.src).toBe(200);
    expect(file.headers()["content-type"]).toContain(entry.type);
  }

  await page.goto("/login");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => l.getAttribute("href")));
  expect(icons).toEqual(expect.arrayContaining(["/favicon.ico", "/icon.svg"]));
  // The browser fetched them under the page's CSP: no violation reported.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.reload();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});
