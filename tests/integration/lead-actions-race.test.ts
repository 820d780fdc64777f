import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, sessionEvents, verificationSessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import type { ProviderAction, ProviderAdapter } from "@/lib/providers/types";
import { expireSession } from "@/lib/review/expire";
import { redactSession } from "@/lib/review/redact";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

/**
 * Expire and redact ask the provider first, outside any transaction, then write locally. What
 * happened to the case during that call (a decision confirmed, another lead's redaction) must
 * not be overwritten or written twice.
 */
const ALL: ProviderAction[] = ["list", "get", "approve", "decline", "resubmit", "expire", "redact", "media"];
const everything = Object.fromEntries(ALL.map((action) => [action, true])) as Record<ProviderAction, boolean>;

function providerThatMeanwhile(during: { expire?: () => Promise<void>; redact?: () => Promise<void> }): ProviderAdapter {
  return {
    id: "beltic",
    displayName: "Beltic",
    capabilities: () => ({ offered: everything, allowedByKey: everything }),
    expire: async () => {
      await during.expire?.();
      return { providerResponse: {} };
    },
    redact: async () => {
      await during.redact?.();
      return { providerResponse: {} };
    },
  } as unknown as ProviderAdapter;
}

describe("lead actions racing other changes", () => {
  let handle: DatabaseHandle;
  let lead: Viewer;
  let secondLead: Viewer;

  beforeAll(async () => {
    handle = await createTestDatabase();
    lead = await createViewer(handle, "lead", "Leo");
    secondLead = await createViewer(handle, "lead", "Lena");
  });
  afterAll(() => handle.close());

  const newSession = async () => {
    const [row] = await handle.db
      .insert(verificationSessions)
      .values({ provider: "beltic", providerSessionId: randomUUID(), status: "marked_for_review", rawStatus: "marked_for_review", applicantName: "Ada Lovelace" })
      .returning();
    return row!;
  };

  it("does not turn a decision confirmed during the provider's expiry into `expired`", async () => {
    const session = await newSession();
    const adapter = providerThatMeanwhile({
      expire: async () => {
        await handle.db.update(verificationSessions).set({ status: "approved" }).where(eq(verificationSessions.id, session.id));
      },
    });
    await expect(
      expireSession({ db: handle.db, viewer: lead, resolveAdapter: () => adapter }, { sessionId: session.id, version: session.version }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const [after] = await handle.db.select().from(verificationSessions).where(eq(verificationSessions.id, session.id));
    expect(after!.status).toBe("approved");
    const expired = await handle.db
      .select()
      .from(sessionEvents)
      .where(and(eq(sessionEvents.sessionId, session.id), eq(sessionEvents.type, "expired")));
    expect(expired).toHaveLength(0);
  });

  it("writes one redaction when a second lead redacts the case during the provider's deletion", async () => {
    const session = await newSession();
    let nested = false;
    const adapter: ProviderAdapter = providerThatMeanwhile({
      redact: async () => {
        if (nested) return;
        nested = true;
        await redactSession({ db: handle.db, viewer: secondLead, resolveAdapter: () => adapter }, { sessionId: session.id, confirmation: "REDACT" });
      },
    });
    await redactSession({ db: handle.db, viewer: lead, resolveAdapter: () => adapter }, { sessionId: session.id, confirmation: "REDACT" });
    const timeline = await handle.db
      .select()
      .from(sessionEvents)
      .where(and(eq(sessionEvents.sessionId, session.id), eq(sessionEvents.type, "redacted")));
    expect(timeline).toHaveLength(1);
    const audits = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, session.id), eq(auditEvents.action, "session.redact")));
    expect(audits.map((row) => row.actorId)).toEqual([secondLead.id]);
    const [after] = await handle.db.select().from(verificationSessions).where(eq(verificationSessions.id, session.id));
    expect(after!.redactedAt).not.toBeNull();
    expect(after!.applicantName).toBeNull();
  });
});
