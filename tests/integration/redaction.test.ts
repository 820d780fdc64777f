import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sessionDocuments, verificationSessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { createDiditAdapter } from "@/lib/providers/didit";
import type { ProviderAdapter } from "@/lib/providers/types";
import { claimCase } from "@/lib/review/claims";
import { addComment } from "@/lib/review/comments";
import { decideCase } from "@/lib/review/decide";
import { redactSession } from "@/lib/review/redact";
import { syncProvider } from "@/lib/sync/sync-provider";
import { ingestWebhook } from "@/lib/webhooks/ingest";
import { createTestDatabase } from "../helpers/db";
import { createViewer, newKey } from "../helpers/review";
import { startTestSandbox, type RunningSandbox } from "../helpers/sandbox";
import { drainWebhooks } from "../helpers/webhooks";
import { rowsOf } from "@/db/rows";

const didit = { apiKey: "redaction-test-didit-key", webhookSecret: "redaction-test-didit-secret" };

/** Every row of every table in the public schema, as text, that contains `needle`. */
async function rowsContaining(handle: DatabaseHandle, needle: string): Promise<string[]> {
  const tables = rowsOf<{ table_name: string }>(await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`));
  const hits: string[] = [];
  for (const { table_name } of tables) {
    const found = rowsOf<{ row: string }>(
      await handle.db.execute(sql`select t::text as row from ${sql.identifier(table_name)} t where t::text ilike ${`%${needle}%`}`),
    );
    hits.push(...found.map((r) => `${table_name}: ${r.row.slice(0, 120)}`));
  }
  return hits;
}

describe("redaction", () => {
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  let adapter: ProviderAdapter;
  let lead: Viewer;

  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([createTestDatabase(), startTestSandbox({ sessionCount: 20, didit })]);
    adapter = createDiditAdapter({ ...didit, baseUrl: `${sandbox.url}/didit`, retries: 0 });
    await syncProvider(handle.db, adapter, "manual");
    lead = await createViewer(handle, "lead", "Lena Lead");
  });
  afterAll(async () => {
    await sandbox.close();
    await handle.close();
  });

  it("leaves no personal data in any table, and the provider deletes its copy", async () => {
    // A session whose name no other generated session shares, so any hit is a leak.
    const all = await handle.db.select().from(verificationSessions);
    const target = all.find(
      (s) => s.status === "marked_for_review" && (s.applicantName?.length ?? 0) >= 5 && all.filter((o) => o.applicantName === s.applicantName).length === 1,
    );
    const [document] = await handle.db.select().from(sessionDocuments).where(eq(sessionDocuments.sessionId, target!.id));
    const name = target!.applicantName!;
    const documentNumber = document!.fields.documentNumber!;
    expect(name.length).toBeGreaterThan(3);
    expect(documentNumber.length).toBeGreaterThan(3);

    // Personal data arrives through every path: a signed webhook (stored body), a comment and a decision comment.
    const [delivery] = sandbox.didit!.setStatus(target!.providerSessionId, "In Review") ?? [];
    if (delivery) await ingestWebhook(handle.db, adapter, delivery.body, new Headers(delivery.headers));
    await drainWebhooks(handle.db, [adapter]);
    await claimCase({ db: handle.db, viewer: lead }, { sessionId: target!.id });
    await addComment({ db: handle.db, viewer: lead }, { sessionId: target!.id, text: `Called ${name}, document ${documentNumber}` });
    const fresh = (await handle.db.select().from(verificationSessions).where(eq(verificationSessions.id, target!.id)))[0]!;
    await decideCase(
      { db: handle.db, viewer: lead, resolveAdapter: () => adapter },
      { sessionId: target!.id, version: fresh.version, action: "decline", reasonCode: "OTHER", comment: `${name} ${documentNumber}`, idempotencyKey: newKey() },
    );
    expect(await rowsContaining(handle, name)).not.toEqual([]);
    expect(await rowsContaining(handle, documentNumber)).not.toEqual([]);

    expect(await redactSession({ db: handle.db, viewer: lead, resolveAdapter: () => adapter }, { sessionId: target!.id, confirmation: "REDACT" })).toEqual({
      atProvider: true,
    });
    expect(await rowsContaining(handle, name)).toEqual([]);
    expect(await rowsContaining(handle, documentNumber)).toEqual([]);
    await expect(adapter.getSession(target!.providerSessionId)).rejects.toMatchObject({ kind: "not_found" });

    // A later webhook about the session does not bring the data back.
    await syncProvider(handle.db, adapter, "manual");
    expect(await rowsContaining(handle, name)).toEqual([]);
  });

  it("changes nothing when the provider refuses the deletion", async () => {
    const [target] = await handle.db
      .select()
      .from(verificationSessions)
      .where(sql`${verificationSessions.redactedAt} is null and ${verificationSessions.applicantName} is not null`)
      .limit(1);
    sandbox.faults.arm("didit", "error_500", 3);
    await expect(redactSession({ db: handle.db, viewer: lead, resolveAdapter: () => adapter }, { sessionId: target!.id, confirmation: "REDACT" })).rejects.toThrow(
      /Nothing was redacted/,
    );
    sandbox.faults.clear();
    expect(await rowsContaining(handle, target!.applicantName!)).not.toEqual([]);
  });
});
