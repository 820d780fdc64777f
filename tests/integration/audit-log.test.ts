import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/append";
import { auditLogHref, parseAuditLogFilters, type AuditLogFilters } from "@/lib/audit/log-filters";
import { listAuditLog } from "@/lib/audit/log-query";
import type { Viewer } from "@/lib/auth/load-viewer";
import { sealAudit } from "../helpers/audit";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

const SEEDED = { from: "2025-04-01", to: "2025-04-03" };

describe("audit log", () => {
  let handle: DatabaseHandle;
  let auditor: Viewer;
  let ana: Viewer;
  let reviewer: Viewer;
  let first: string;
  let second: string;
  const filters = (patch: Partial<AuditLogFilters>) => ({ ...parseAuditLogFilters({}).filters, ...patch });
  const list = (patch: Partial<AuditLogFilters>, pageSize = 500) => listAuditLog(handle.db, auditor, filters({ ...SEEDED, ...patch }), pageSize);

  beforeAll(async () => {
    handle = await createTestDatabase();
    [auditor, ana, reviewer] = await Promise.all([
      createViewer(handle, "auditor", "Aiko"),
      createViewer(handle, "lead", "Ana"),
      createViewer(handle, "reviewer", "Rui"),
    ]);
    const sessions = await handle.db
      .insert(verificationSessions)
      .values([1, 2].map((n) => ({ provider: "didit", providerSessionId: `log-ps-${n}`, status: "approved" as const, rawStatus: "Approved" })))
      .returning({ id: verificationSessions.id });
    [first, second] = sessions.map((s) => s.id) as [string, string];
    // Audit rows take their time from the clock: set it to three days in turn.
    vi.useFakeTimers({ toFake: ["Date"] });
    const seed = async (day: string, count: number, entry: Parameters<typeof recordAudit>[1]) => {
      for (let n = 0; n < count; n++) {
        vi.setSystemTime(new Date(`${day}T10:00:${String(n % 60).padStart(2, "0")}Z`));
        await recordAudit(handle.db, entry);
      }
    };
    try {
      await seed("2025-04-01", 60, { actor: { id: ana.id, label: ana.email }, action: "session.view", targetType: "session", targetId: first });
      await seed("2025-04-02", 40, {
        actor: { id: null, label: "system" },
        action: "decision.confirmed",
        targetType: "session",
        targetId: second,
        details: { reasonCode: "DATA_VERIFIED" },
      });
      await seed("2025-04-03", 30, { actor: { id: null, label: "webhook:didit" }, action: "webhook.receive", targetType: "session", targetId: first });
    } finally {
      vi.useRealTimers();
    }
    await sealAudit(handle.db);
  }, 120_000);
  afterAll(() => handle.close());

  it("filters by actor label or id, action or family, target or provider session id, and day", async () => {
    expect((await list({})).rows).toHaveLength(130);
    expect((await list({ actor: "WEBHOOK:" })).rows).toHaveLength(30);
    const byId = await list({ actor: ana.id });
    expect(byId.rows).toHaveLength(60);
    expect(byId.rows.every((r) => r.actorId === ana.id && r.action === "session.view")).toBe(true);
    expect((await list({ action: "decision.confirmed" })).rows).toHaveLength(40);
    expect((await list({ action: "decision.*" })).rows).toHaveLength(40);
    expect((await list({ action: "decision" })).rows).toHaveLength(0);
    expect((await list({ target: "log-ps-1" })).rows).toHaveLength(90);
    expect((await list({ target: second.toUpperCase() })).rows).toHaveLength(40);
    const day2 = await list({ from: "2025-04-02", to: "2025-04-02" });
    expect(day2.rows).toHaveLength(40);
    expect(day2.rows.every((r) => r.at.startsWith("2025-04-02"))).toBe(true);
    expect((await list({ from: "2025-04-03", to: null })).rows.filter((r) => r.at.startsWith("2025-04"))).toHaveLength(30);
  });

  it("shows each row's seq, time, actor, action, target, details and hash", async () => {
    const [row] = (await list({ action: "decision.confirmed" }, 1)).rows;
    expect(row).toMatchObject({
      actorLabel: "system",
      action: "decision.confirmed",
      targetType: "session",
      targetId: second,
      details: '{"reasonCode":"DATA_VERIFIED"}',
    });
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.at).toBe("2025-04-02T10:00:39.000Z");
  });

  it("shows a row committed but not sealed yet without a hash, then with it once sealed", async () => {
    const { seq } = await recordAudit(handle.db, { actor: { id: ana.id, label: ana.email }, action: "session.view", targetType: "session", targetId: first });
    const newest = async () => (await listAuditLog(handle.db, auditor, filters({}), 1)).rows[0]!;
    expect(await newest()).toMatchObject({ seq, hash: null });
    await sealAudit(handle.db);
    expect((await newest()).hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("pages newest first by seq through the URL, forward and back", async () => {
    const all = (await list({})).rows.map((r) => r.seq);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const viaUrl = (next: AuditLogFilters) => parseAuditLogFilters(Object.fromEntries(new URL(auditLogHref(next), "http://x").searchParams)).filters;
    let current = filters(SEEDED);
    const pages: number[][] = [];
    for (;;) {
      const page = await listAuditLog(handle.db, auditor, current, 50);
      pages.push(page.rows.map((r) => r.seq));
      expect(page.newerThan === null).toBe(pages.length === 1);
      if (!page.olderThan) break;
      current = viaUrl({ ...current, after: null, before: page.olderThan });
    }
    expect(pages.map((p) => p.length)).toEqual([50, 50, 30]);
    expect(pages.flat()).toEqual(all);
    for (let index = pages.length - 2; index >= 0; index--) {
      const here = await listAuditLog(handle.db, auditor, current, 50);
      current = viaUrl({ ...current, before: null, after: here.newerThan });
      expect((await listAuditLog(handle.db, auditor, current, 50)).rows.map((r) => r.seq)).toEqual(pages[index]);
    }
  });

  it("drops bad URL values with a note, and refuses viewers without audit:read", async () => {
    const { filters: parsed, notes } = parseAuditLogFilters({ action: "drop table;", from: "yesterday", before: "-3", target: "x".repeat(201) });
    expect(parsed).toMatchObject({ action: null, from: null, before: null, target: null });
    expect(notes).toHaveLength(4);
    await expect(listAuditLog(handle.db, reviewer, filters({}))).rejects.toThrow(/may not read the audit log/);
  });
});
