import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { createProviderSession, moveProviderSession } from "./sandbox-control";

test("a session moved into review appears in an open queue without a reload", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/sessions?status=marked_for_review");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  // A full page load would drop this; router.refresh() keeps it.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  const sessionId = await createProviderSession("didit");
  const row = page.locator(`[data-testid="session-row"][data-provider-session-id="${sessionId}"]`);
  await moveProviderSession("didit", sessionId, "In Progress");
  await moveProviderSession("didit", sessionId, "In Review");

  await expect(row).toHaveCount(1, { timeout: 10_000 });
  await expect(row).toHaveAttribute("data-status", "marked_for_review");
  expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test("the event stream is for signed-in users only", async ({ request }) => {
  const response = await request.get("/api/events");
  expect(response.status()).toBe(401);
});

type StreamCapture = { type: string | null; text: string };

test("the event stream names sessions by id and carries no personal data", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/sessions");
  const sessionId = await createProviderSession("beltic");
  // Reads the stream in the page (with its cookie) until it is live, then keeps reading in the background.
  await page.evaluate(async () => {
    const response = await fetch("/api/events");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const capture = { type: response.headers.get("content-type"), text: "" };
    Object.assign(window, { __capture: capture });
    const readMore = async () => {
      const { done, value } = await reader.read();
      if (!done) capture.text += decoder.decode(value, { stream: true });
      return !done;
    };
    while (!capture.text.includes("event: ready\n")) if (!(await readMore())) return;
    void (async () => {
      while (await readMore());
    })();
  });
  await moveProviderSession("beltic", sessionId, "started");

  const captured = () => page.evaluate(() => (window as unknown as { __capture: StreamCapture }).__capture);
  await expect.poll(async () => (await captured()).text, { timeout: 10_000 }).toMatch(/event: sessions\n/);
  const { type, text } = await captured();
  expect(type).toContain("text/event-stream");
  const changes = [...text.matchAll(/^event: sessions\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
  expect(changes.length).toBeGreaterThan(0);
  for (const change of changes) {
    // `actor`, when a user made the change, is that user's Verdict id: pseudonymous, like the ids.
    expect(
      Object.keys(change)
        .filter((key) => key !== "actor")
        .sort(),
    ).toEqual(["ids", "reason"]);
    for (const id of [...(change.ids as string[]), ...(change.actor ? [change.actor as string] : [])])
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  }
  expect(text).not.toContain(sessionId); // not even the provider's own session id
});
