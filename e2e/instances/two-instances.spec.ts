/**
 * Two Verdict instances on one PostgreSQL behind a load balancer (e2e/instances/server.ts):
 * reviewers and a webhook flood go through both, and nothing is claimed twice, lost, or run
 * twice. Run with `E2E_SUITE=instances` and DATABASE_URL (scripts/test-all.sh does on PostgreSQL).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { signInWith } from "../fixtures";
import { createProviderSession, moveProviderSession } from "../sandbox-control";
import { E2E_ACTIONS_ENCRYPTION_KEY, E2E_SANDBOX_URL, E2E_USERS, NEXT_DIST_DIR } from "../users";
import { PIN_HEADER, SERVED_BY_HEADER } from "./balancer";
import { SECOND_REVIEWER, SYNC_SECONDS, instancesDatabaseUrl } from "./setup";

const db = new pg.Pool({ connectionString: instancesDatabaseUrl(), max: 2 });
test.afterAll(() => db.end());
const startedAt = Date.now();

async function pinnedPage(browser: Browser, instance: number): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { [PIN_HEADER]: String(instance) } });
  return context.newPage();
}

/** Puts `count` Didit sessions in the review queue, every webhook through the balancer. */
async function casesInReview(count: number): Promise<string[]> {
  const ids = await Promise.all(Array.from({ length: count }, () => createProviderSession("didit")));
  for (const id of ids) {
    await moveProviderSession("didit", id, "In Progress");
    await moveProviderSession("didit", id, "In Review");
  }
  await expect
    .poll(
      async () =>
        (
          await db.query(
            `select count(*)::int as n from verification_sessions where provider = 'didit' and provider_session_id = any($1) and status = 'marked_for_review'`,
            [ids],
          )
        ).rows[0].n,
      {
        timeout: 30_000,
      },
    )
    .toBe(count);
  return ids;
}

const deliveries = async () => (await (await fetch(`${E2E_SANDBOX_URL}/_control/deliveries`)).json()) as Array<{ provider: string; status: number | null }>;

/** The sandbox's delivery log once nothing is in flight (it catches Verdict up at start, for one). */
async function settledDeliveries() {
  await expect.poll(async () => (await deliveries()).filter((d) => d.status === null).length, { timeout: 30_000 }).toBe(0);
  return deliveries();
}

test("a webhook flood through the balancer reaches both instances and every event is applied once", async () => {
  const before = (await settledDeliveries()).length;
  const providers = ["didit", "beltic", "idenfy", "bynn"] as const;
  const created = await Promise.all(
    Array.from({ length: 24 }, (_, i) => createProviderSession(providers[i % providers.length]!).then((id) => ({ provider: providers[i % 4]!, id }))),
  );
  const log = await settledDeliveries();
  const sent = log.slice(0, log.length - before);
  expect(sent.length).toBeGreaterThanOrEqual(created.length);
  expect(sent.filter((d) => d.status !== 200)).toEqual([]);

  // Every acknowledged event has exactly one receipt (the unique key holds across instances) and has been applied.
  const receipts = async () =>
    (
      await db.query(
        `select count(*)::int as n, count(*) filter (where outcome = 'queued')::int as waiting from webhook_receipts where (provider, provider_session_id) in (select * from unnest($1::text[], $2::text[]))`,
        [created.map((c) => c.provider), created.map((c) => c.id)],
      )
    ).rows[0] as { n: number; waiting: number };
  await expect.poll(async () => (await receipts()).waiting, { timeout: 30_000 }).toBe(0);
  expect((await receipts()).n).toBe(sent.length);
  // Every session is there: by its webhooks, or by the sync job where creating one sends none (iDenfy).
  const present = async () =>
    (await db.query(`select count(*)::int as n from verification_sessions where provider_session_id = any($1)`, [created.map((c) => c.id)])).rows[0].n as number;
  await expect.poll(present, { timeout: 30_000 }).toBe(created.length);

  // Round robin: both instances took their share of the flood.
  const served = (await (await fetch(`${test.info().project.use.baseURL}/__balancer`)).json()) as number[];
  expect(served.every((n) => n > 0)).toBe(true);
});

test("the build carries the deployment's one server-action key, the same on every instance", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(NEXT_DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as { encryptionKey?: string };
  expect(manifest.encryptionKey).toBe(process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? E2E_ACTIONS_ENCRYPTION_KEY);
});

test("two reviewers on different instances never get the same case, and decide through the other instance", async ({ browser }) => {
  test.setTimeout(180_000);
  await casesInReview(6);
  const [first, second] = await Promise.all([pinnedPage(browser, 0), pinnedPage(browser, 1)]);
  await signInWith(first, E2E_USERS.reviewer);
  await signInWith(second, SECOND_REVIEWER);
  const claimed: string[] = [];
  for (let round = 0; round < 3; round++) {
    await Promise.all([first.goto("/queue"), second.goto("/queue")]);
    await Promise.all([first.getByRole("button", { name: "Next case" }).click(), second.getByRole("button", { name: "Next case" }).click()]);
    await Promise.all([expect(first).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/), expect(second).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/)]);
    const ids = [first.url().split("/").pop()!, second.url().split("/").pop()!];
    expect(ids[0]).not.toBe(ids[1]);
    claimed.push(...ids);
    // The page came from one instance; its server action goes to the other (same build, one action key).
    await Promise.all(
      [first, second].map(async (page, instance) => {
        await expect(page.getByTestId("decision-form")).toBeVisible();
        // Stay on the decided case, to see its outcome here.
        await page.getByRole("checkbox", { name: "Go to the next case after deciding" }).uncheck();
        await page.context().setExtraHTTPHeaders({ [PIN_HEADER]: String(1 - instance) });
        await page.getByRole("radio", { name: "Approve" }).click();
        await page.getByLabel("Reason").selectOption("DATA_VERIFIED");
        await page.getByTestId("decision-form").getByRole("textbox", { name: "Comment" }).fill("checked on two instances");
        const answer = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
        await page.getByRole("button", { name: "Approve", exact: true }).last().click();
        expect((await answer).headers()[SERVED_BY_HEADER]).toBe(String(1 - instance));
        await expect(page.getByTestId("case-view")).toContainText("Approved", { timeout: 20_000 });
        await page.context().setExtraHTTPHeaders({ [PIN_HEADER]: String(instance) });
      }),
    );
  }
  expect(new Set(claimed).size).toBe(claimed.length);
  const decided = await db.query(`select count(*)::int as n from decisions where session_id = any($1::uuid[]) and state in ('confirmed', 'recorded')`, [claimed]);
  expect(decided.rows[0].n).toBe(claimed.length);
  await Promise.all([first.context().close(), second.context().close()]);
});

test("a change applied on one instance reaches browsers on both", async ({ browser }) => {
  const pages = await Promise.all([pinnedPage(browser, 0), pinnedPage(browser, 1)]);
  for (const page of pages) {
    await signInWith(page, E2E_USERS.reviewer);
    await page.goto("/sessions?status=marked_for_review");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  }
  const sessionId = await createProviderSession("didit");
  await moveProviderSession("didit", sessionId, "In Progress");
  await moveProviderSession("didit", sessionId, "In Review");
  for (const page of pages) {
    await expect(page.locator(`[data-testid="session-row"][data-provider-session-id="${sessionId}"]`)).toHaveCount(1, { timeout: 15_000 });
  }
  await Promise.all(pages.map((page) => page.context().close()));
});

test("each scheduled job runs once at a time across both instances, and the audit chain holds", async () => {
  // Both instances have been polling the same schedule for the whole file: give it a few more periods.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 4 * SYNC_SECONDS * 1000 - (Date.now() - startedAt))));
  const runs = await db.query<{ provider: string; started_at: Date; finished_at: Date | null }>(
    `select provider, started_at, finished_at from provider_sync_runs where trigger = 'schedule' order by provider, started_at`,
  );
  const byProvider = new Map<string, typeof runs.rows>();
  for (const run of runs.rows) byProvider.set(run.provider, [...(byProvider.get(run.provider) ?? []), run]);
  expect(byProvider.size).toBeGreaterThan(0);
  const elapsedPeriods = (Date.now() - startedAt) / (SYNC_SECONDS * 1000);
  for (const [provider, list] of byProvider) {
    // Exactly one instance runs a due job: no two runs of one provider overlap …
    for (let i = 1; i < list.length; i++) {
      expect(list[i]!.started_at.getTime(), `${provider} run ${i} started before the previous one finished`).toBeGreaterThanOrEqual(
        list[i - 1]!.finished_at?.getTime() ?? Infinity,
      );
    }
    // … and the schedule is not run once per instance.
    expect(list.length, `${provider}: ${list.length} runs in ${elapsedPeriods.toFixed(1)} periods`).toBeLessThanOrEqual(Math.ceil(elapsedPeriods) + 2);
  }
  // Both instances appended audit rows and both ran the sealer: the chain is whole.
  const verify = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/audit-verify.ts"], {
    env: { ...process.env, DATABASE_URL: instancesDatabaseUrl() },
    encoding: "utf8",
  });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
});
