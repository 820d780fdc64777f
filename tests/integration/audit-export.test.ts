import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, decisions, verificationSessions } from "@/db/schema";
import { DECISION_CSV_COLUMNS, HIDDEN_COMMENT } from "@/lib/audit/csv-columns";
import { parseDecisionFilters, type DecisionHistoryFilters } from "@/lib/audit/decision-filters";
import { exportDecisionHistory } from "@/lib/audit/export";
import type { Viewer } from "@/lib/auth/load-viewer";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

const CYRILLIC = "Ольга Смирнова";
const CHINESE = "李秀英";
const FORMULAS = ['=HYPERLINK("http://evil.example","open")', "+1 555 0100", "-2+3", "@SUM(A1:A2)"];
const HEADERS = DECISION_CSV_COLUMNS.map((column) => column.header);

type Csv = { raw: Buffer; records: Record<string, string>[] };

async function readCsv(body: ReadableStream<Uint8Array>): Promise<Csv> {
  const raw = Buffer.from(await new Response(body).arrayBuffer());
  return { raw, records: parse<Record<string, string>>(raw, { bom: true, columns: true, skip_empty_lines: true }) };
}

describe("CSV export of the decision history", () => {
  let handle: DatabaseHandle;
  let reviewer: Viewer;
  let admin: Viewer;
  let auditor: Viewer;
  let lead: Viewer;
  const filters = (patch: Partial<DecisionHistoryFilters>) => ({ ...parseDecisionFilters({}).filters, ...patch });
  const lastAudit = async () => (await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0]!;

  beforeAll(async () => {
    handle = await createTestDatabase();
    [reviewer, admin, auditor, lead] = await Promise.all([
      createViewer(handle, "reviewer", "Rui"),
      createViewer(handle, "admin", "Ada"),
      createViewer(handle, "auditor", "Aiko"),
      createViewer(handle, "lead", "Lev"),
    ]);
    const names = [CYRILLIC, CHINESE, ...FORMULAS.map((_, n) => `Latin Name ${n}`)];
    const sessions = await handle.db
      .insert(verificationSessions)
      .values(
        names.map((name, n) => ({
          provider: n % 2 ? "beltic" : "didit",
          providerSessionId: `export-${n}`,
          status: "declined" as const,
          rawStatus: "Declined",
          applicantName: name,
        })),
      )
      .returning({ id: verificationSessions.id });
    const comments = [`Имя ${CYRILLIC} совпадает`, `${CHINESE} 的证件已核对`, ...FORMULAS];
    await handle.db.insert(decisions).values(
      sessions.map((session, n) => ({
        sessionId: session.id,
        action: "decline" as const,
        reasonCode: "DATA_MISMATCH",
        comment: comments[n]!,
        actorId: reviewer.id,
        idempotencyKey: randomUUID(),
        state: "confirmed" as const,
        providerResponse: { status: "declined" },
        createdAt: new Date(`2025-06-${String(10 + n).padStart(2, "0")}T12:00:00Z`),
      })),
    );
    // Outside the date range used below.
    await handle.db.insert(decisions).values({
      sessionId: sessions[0]!.id,
      action: "approve",
      reasonCode: "DATA_VERIFIED",
      comment: "old",
      actorId: reviewer.id,
      idempotencyKey: randomUUID(),
      state: "confirmed",
      createdAt: new Date("2025-01-01T00:00:00Z"),
    });
  });
  afterAll(() => handle.close());

  it("streams UTF-8 with a BOM and a header, keeps non-Latin names intact and defuses formulas", async () => {
    // A batch of 2 makes the 6 rows come from several keyset reads.
    const exported = await exportDecisionHistory(handle.db, admin, filters({ from: "2025-06-01", to: "2025-06-30" }), 2);
    const { raw, records } = await readCsv(exported.body);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString("utf8").slice(1).split("\r\n")[0]).toBe(HEADERS.join(","));
    expect(exported.rows).toBe(6);
    expect(records).toHaveLength(6);
    expect(Object.keys(records[0]!)).toEqual(HEADERS);

    const applicants = records.map((r) => r.Applicant);
    expect(applicants).toContain(CYRILLIC);
    expect(applicants).toContain(CHINESE);
    const comments = records.map((r) => r.Comment);
    expect(comments).toContain(`Имя ${CYRILLIC} совпадает`);
    for (const formula of FORMULAS) expect(comments).toContain(`'${formula}`);
    expect(records.every((r) => r.Reviewer === "Rui" && r.Action === "decline" && r["Reason code"] === "DATA_MISMATCH")).toBe(true);
    expect(records.map((r) => r["Decided at (UTC)"])).toEqual([...records.map((r) => r["Decided at (UTC)"]!)].sort().reverse());
  });

  it("writes its audit row, with the filters and the row count and no personal data", async () => {
    const exported = await exportDecisionHistory(handle.db, admin, filters({ provider: "didit", session: "export-0" }));
    await readCsv(exported.body);
    const row = await lastAudit();
    expect(row).toMatchObject({ action: "audit.export", actorId: admin.id, targetType: "decisions" });
    const [session] = await handle.db
      .select({ id: verificationSessions.id })
      .from(verificationSessions)
      .where(eq(verificationSessions.providerSessionId, "export-0"));
    expect(row.details).toMatchObject({ format: "csv", rows: 2, personalData: true, filters: { provider: "didit", sessionIds: [session!.id] } });
    const details = JSON.stringify(row.details);
    for (const text of [CYRILLIC, CHINESE, "export-0", "Имя"]) expect(details).not.toContain(text);
  });

  it("masks names and hides comments for a viewer without sessions:read_pii", async () => {
    const exported = await exportDecisionHistory(handle.db, auditor, filters({ from: "2025-06-01" }));
    const { raw, records } = await readCsv(exported.body);
    expect(records.map((r) => r.Applicant)).toContain("О••• С•••");
    expect(records.every((r) => r.Comment === HIDDEN_COMMENT)).toBe(true);
    const text = raw.toString("utf8");
    for (const secret of [CYRILLIC, CHINESE, "совпадает", "HYPERLINK"]) expect(text).not.toContain(secret);
    expect((await lastAudit()).details).toMatchObject({ rows: 6, personalData: false });
  });

  it("refuses a viewer without audit:export and writes nothing", async () => {
    const before = await lastAudit();
    await expect(exportDecisionHistory(handle.db, lead, filters({}))).rejects.toThrow(/may not export/);
    expect((await lastAudit()).seq).toBe(before.seq);
  });
});
