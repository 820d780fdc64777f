import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { applyRate } from "@/bench/apply-rate";
import { sqlSession, type SqlSession } from "@/bench/sql";
import type { WebhookBench } from "@/bench/webhooks";
import { createTestDatabase } from "../helpers/db";

let handle: DatabaseHandle;
let sql: SqlSession;

beforeAll(async () => {
  handle = await createTestDatabase();
  sql = await sqlSession(handle);
});

afterAll(async () => {
  sql.release();
  await handle.close();
});

const startedAt = Date.parse("2026-12-01T10:00:00Z");
const at = (seconds: number) => new Date(startedAt + seconds * 1000);

async function session(providerSessionId: string, syncedAt: Date) {
  await sql.query(
    `insert into verification_sessions (provider, provider_session_id, status, raw_status, last_synced_at) values ('didit', $1, 'approved', 'Approved', $2)`,
    [providerSessionId, syncedAt],
  );
}

async function receipt(key: string, outcome: string, receivedAt: Date) {
  await sql.query(`insert into webhook_receipts (provider, dedupe_key, outcome, received_at) values ('didit', $1, $2, $3)`, [key, outcome, receivedAt]);
}

describe("the bench's webhook apply rate", () => {
  it("counts the posted events that became sessions, up to the last one applied, and what is left", async () => {
    // Three of the four posted events were applied, the last 4 s after the first was sent.
    await session("bench-1", at(1));
    await session("bench-2", at(4));
    await session("bench-3", at(2));
    // Not one of the posted events: a later sync must not stretch the measured window.
    await session("other", at(60));
    await receipt("r-queued", "queued", at(1));
    await receipt("r-failed", "quarantined", at(1));
    await receipt("r-applied", "applied", at(1));
    // Before the run (warm-ups): not this run's business.
    await receipt("r-earlier", "queued", at(-60));

    const webhooks = { startedAt, providerSessionIds: ["bench-1", "bench-2", "bench-3", "bench-4"] } as WebhookBench;
    const rate = await applyRate(sql.query, webhooks);

    expect(rate).toEqual({ events: 4, applied: 3, queued: 1, failed: 1, seconds: 4, perSecond: 0.75 });
  });
});
