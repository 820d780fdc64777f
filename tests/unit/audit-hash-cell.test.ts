import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import type { AuditRowDTO } from "@/lib/audit/log-types";

const row = (seq: number, hash: string | null): AuditRowDTO => ({
  seq,
  at: "2025-04-01T10:00:00.000Z",
  actorId: null,
  actorLabel: "system",
  action: "session.view",
  targetType: null,
  targetId: null,
  details: "{}",
  hash,
});

describe("the audit log's hash column", () => {
  it("shows a sealed row's hash prefix and an unsealed row as sealing…", () => {
    const html = renderToStaticMarkup(createElement(AuditLogTable, { rows: [row(2, null), row(1, "ab12".repeat(16))] }));
    const cells = [...html.matchAll(/<tr[^>]*data-seq="(\d+)"[^>]*>(.*?)<\/tr>/g)].map(([, seq, cellsHtml]) => ({ seq, last: cellsHtml!.split("<td").at(-1) }));
    expect(cells).toHaveLength(2);
    expect(cells[0]).toMatchObject({ seq: "2" });
    expect(cells[0]!.last).toContain("sealing…");
    expect(cells[1]!.last).toContain(">ab12ab12ab12<");
    expect(cells[1]!.last).not.toContain("sealing");
  });
});
