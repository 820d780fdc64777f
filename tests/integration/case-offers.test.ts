import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import type { ProviderAction, ProviderAdapter } from "@/lib/providers/types";
import { assignCase, claimCase, releaseClaim } from "@/lib/review/claims";
import { addComment } from "@/lib/review/comments";
import { decideCase } from "@/lib/review/decide";
import { expireSession } from "@/lib/review/expire";
import { getCase } from "@/lib/review/get-case";
import { redactSession } from "@/lib/review/redact";
import type { CommonStatus } from "@/lib/sessions/status";
import { createTestDatabase } from "../helpers/db";
import { createViewer, newKey } from "../helpers/review";

/**
 * The case page against the real server actions: for each kind of session and viewer, every
 * control the page shows must succeed when used, and every control it hides must be refused.
 * A rule changed on one side only fails here.
 */
const ALL: ProviderAction[] = ["list", "get", "approve", "decline", "resubmit", "expire", "redact", "media"];
const flags = (on: ProviderAction[]) => Object.fromEntries(ALL.map((a) => [a, on.includes(a)])) as Record<ProviderAction, boolean>;
const answered = async () => ({ providerResponse: {} });
const fake = (id: string, offered: ProviderAction[], allowed: ProviderAction[]) =>
  ({
    id,
    displayName: id,
    capabilities: () => ({ offered: flags(offered), allowedByKey: flags(allowed) }),
    decide: answered,
    expire: answered,
    redact: answered,
  }) as unknown as ProviderAdapter;
const ADAPTERS: { name: string; provider: string; adapter: ProviderAdapter | undefined }[] = [
  { name: "record only", provider: "bynn", adapter: fake("bynn", ["list", "get"], ["list", "get"]) },
  { name: "full", provider: "beltic", adapter: fake("beltic", ALL, ALL) },
  { name: "read-only key", provider: "beltic", adapter: fake("beltic", ALL, ["list", "get", "media"]) },
  { name: "unconfigured", provider: "idenfy", adapter: undefined },
];
const STATUSES: CommonStatus[] = ["marked_for_review", "completed", "approved", "pending"];

describe("the case page offers exactly what the server accepts", () => {
  let handle: DatabaseHandle;
  let viewers: Record<"reviewer" | "lead" | "auditor", Viewer>;
  let other: Viewer;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const [reviewer, lead, auditor, ben] = await Promise.all([
      createViewer(handle, "reviewer", "Rita"),
      createViewer(handle, "lead", "Leo"),
      createViewer(handle, "auditor", "Aida"),
      createViewer(handle, "reviewer", "Ben"),
    ]);
    viewers = { reviewer: reviewer, lead: lead, auditor: auditor };
    other = ben!;
  });
  afterAll(() => handle.close());

  const combos = STATUSES.flatMap((status) =>
    [false, true].flatMap((redacted) =>
      (["reviewer", "lead", "auditor"] as const).flatMap((role) => (["none", "mine", "other"] as const).map((claim) => ({ status, redacted, role, claim }))),
    ),
  );

  it.each(combos.map((combo, i) => ({ ...combo, ...ADAPTERS[i % ADAPTERS.length]! })))(
    "$status redacted=$redacted $role claim=$claim $name",
    async ({ status, redacted, role, claim, provider, adapter }) => {
      const viewer = viewers[role];
      const resolveAdapter = () => adapter;
      const ctx = { db: handle.db, viewer, resolveAdapter };
      const holder = claim === "mine" ? viewer.id : claim === "other" ? other.id : null;
      const fresh = async () => {
        const [row] = await handle.db
          .insert(verificationSessions)
          .values({
            provider,
            providerSessionId: randomUUID(),
            status,
            rawStatus: status,
            redactedAt: redacted ? new Date() : null,
            assigneeId: holder,
            claimExpiresAt: holder ? new Date(Date.now() + 10 * 60_000) : null,
          })
          .returning();
        return row!;
      };
      const accepted = async (run: (session: typeof verificationSessions.$inferSelect) => Promise<unknown>) => {
        const session = await fresh();
        return run(session).then(
          () => true,
          () => false,
        );
      };
      const can = (await getCase(ctx, { sessionId: (await fresh()).id })).can;

      const decision = (session: { id: string; version: number }) => ({
        sessionId: session.id,
        version: session.version,
        action: "approve" as const,
        reasonCode: "DATA_VERIFIED",
        comment: "ok",
        idempotencyKey: newKey(),
      });
      const results = {
        decide: await accepted((s) => decideCase(ctx, decision(s))),
        claim: await accepted((s) => claimCase(ctx, { sessionId: s.id })),
        takeOver: await accepted((s) => assignCase(ctx, { sessionId: s.id, assigneeId: viewer.id })),
        assign: await accepted((s) => assignCase(ctx, { sessionId: s.id, assigneeId: other.id })),
        comment: await accepted((s) => addComment(ctx, { sessionId: s.id, text: "note" })),
        expire: await accepted((s) => expireSession(ctx, { sessionId: s.id, version: s.version })),
        redact: await accepted(async (s) => {
          await redactSession(ctx, { sessionId: s.id, confirmation: "REDACT" });
          // An already redacted session answers "done" without doing anything: not an offer.
          if (s.redactedAt) throw new Error("nothing to redact");
        }),
        release: await accepted(async (s) => {
          await releaseClaim(ctx, { sessionId: s.id });
          const [after] = await handle.db.select().from(verificationSessions).where(eq(verificationSessions.id, s.id));
          // Releasing what the viewer does not hold does nothing: not an offer either.
          if (after!.assigneeId !== null || s.assigneeId !== viewer.id) throw new Error("nothing released");
        }),
      };
      expect({
        decide: can.decide && can.actions.approve !== "unavailable",
        claim: can.claim || can.renewClaim,
        // Taking over is offered only from someone else; on a free case the lead assigns to themself.
        takeOver: can.takeOver || (can.assign && claim !== "other"),
        assign: can.assign,
        comment: can.comment,
        expire: can.expire,
        redact: can.redact,
        release: can.release,
      }).toEqual(results);
    },
  );
});
