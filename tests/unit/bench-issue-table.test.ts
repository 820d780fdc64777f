import { describe, expect, it } from "vitest";
import type { ApplyRate } from "@/bench/apply-rate";
import type { LoadResult } from "@/bench/http-load";
import type { InProcessResult } from "@/bench/in-process";
import { issueTable } from "@/bench/issue-table";
import type { HttpResult } from "@/bench/over-http";
import type { DatasetReport, SizeReport } from "@/bench/report";

const p = (p95: number) => ({ p50: p95 / 2, p95, n: 100 });
const page = (path: string, p95: number, rps: number): LoadResult => ({
  label: path,
  path,
  rps,
  p50: p95 / 2,
  p95,
  ok: 100,
  failed: 0,
  seconds: 10,
  cpuMsPerRequest: 5,
  loadAverage: 1,
});

type Figures = {
  sessionsP95: number;
  sessionsRaw: number;
  sessionsRps: number;
  loginRps: number;
  applied: number;
  perSecond: number;
  rss: number;
  overhead: number;
};
const GOOD: Figures = { sessionsP95: 50, sessionsRaw: 20, sessionsRps: 50, loginRps: 100, applied: 1000, perSecond: 1000, rss: 500, overhead: 10 };

function size(sessions: number, f: Figures): SizeReport {
  const local = {
    sessions,
    pageQueries: [
      { path: "/sessions", label: "", statements: 2, app: p(1), raw: p(1), rawUnderLoad: { ...p(f.sessionsRaw), perSecond: 100, connections: 10 } },
      { path: "/queue", label: "", statements: 4, app: p(1), raw: p(1), rawUnderLoad: { ...p(20), perSecond: 100, connections: 10 } },
    ],
    decisions: { decide: p(f.overhead + 3), sandbox: p(3), overhead: p(f.overhead) },
  } as unknown as InProcessResult;
  const bare = page("/api/health", 10, 2000);
  const http = {
    pages: [page("/login", 20, f.loginRps), page("/sessions", f.sessionsP95, f.sessionsRps), page("/queue", 50, 40)],
    webhooks: {
      intake: page("/api/webhooks/didit", 10, 2000),
      bare,
      bodyBytes: 4500,
      startedAt: 0,
      providerSessionIds: [],
      queuedAtIntakeEnd: 0,
      drainedBy: "queue empty",
    },
    js: null,
    memory: { loaded: { rssMiB: 200, peakMiB: 200 }, afterPages: null, afterLoad: { rssMiB: f.rss, peakMiB: f.rss } },
  } as HttpResult;
  return { sessions, local, http };
}

function dataset(f: Partial<Figures> = {}, growth: Partial<Figures> | null = {}): DatasetReport {
  const figures = { ...GOOD, ...f };
  const apply: ApplyRate = { events: 1000, applied: figures.applied, queued: 0, failed: 0, seconds: 1, perSecond: figures.perSecond };
  return { driver: "postgres", apply, ...size(1_000_000, figures), growth: growth && size(100_000, { ...GOOD, ...growth }) };
}

/** The result cell of the row whose first cell starts with `what`. */
function result(report: DatasetReport, what: string): string {
  const line = issueTable([report])
    .split("\n")
    .find((row) => row.startsWith(`| ${what}`));
  if (!line) throw new Error(`no row "${what}"`);
  return line.split(" | ").at(-1)!.replace(" |", "");
}

describe("issue 11's table in the bench report", () => {
  it("judges the page p95 against 1.5 × the raw query under load + 20 ms", () => {
    expect(result(dataset({ sessionsP95: 50, sessionsRaw: 20 }), "`/sessions` p95 |")).toBe("met");
    expect(result(dataset({ sessionsP95: 51, sessionsRaw: 20 }), "`/sessions` p95 |")).toBe("**missed**");
  });

  it("misses a page that gave no answer during the run, and says so", () => {
    const report = dataset();
    report.http!.pages[1] = { ...report.http!.pages[1]!, ok: 0, p50: NaN, p95: NaN, rps: 0 };
    expect(result(report, "`/sessions` p95 |")).toBe("**missed**");
    expect(issueTable([report])).toContain("| `/sessions` p95 | PostgreSQL 1,000,000 | no answer within the 10 s run |");
  });

  it("judges /sessions throughput against half of /login's", () => {
    expect(result(dataset({ sessionsRps: 50, loginRps: 100 }), "`/sessions` throughput")).toBe("met");
    expect(result(dataset({ sessionsRps: 49, loginRps: 100 }), "`/sessions` throughput")).toBe("**missed**");
  });

  it("misses the webhook rows when an event was never applied, however fast the rest went", () => {
    expect(result(dataset(), "signed Didit webhooks applied")).toBe("met");
    expect(result(dataset({ perSecond: 999 }), "signed Didit webhooks applied")).toBe("**missed**");
    expect(result(dataset({ applied: 999, perSecond: 5000 }), "signed Didit webhooks applied")).toBe("**missed**");
    expect(result(dataset({ applied: 999, perSecond: 5000 }), "webhooks applied vs")).toBe("**missed**");
  });

  it("judges growth from the smaller size, and says when there was none", () => {
    expect(result(dataset({ sessionsP95: 48 }, { sessionsP95: 40 }), "`/sessions` p95 growth")).toBe("met");
    expect(result(dataset({ sessionsP95: 49 }, { sessionsP95: 40 }), "`/sessions` p95 growth")).toBe("**missed**");
    expect(issueTable([dataset({}, null)])).toContain("`/sessions` p95 growth (no smaller size: --pg-growth-from) | PostgreSQL 1,000,000 | not measured");
  });

  it("judges memory after the load and the decision overhead", () => {
    expect(result(dataset({ rss: 500 }), "server RSS")).toBe("met");
    expect(result(dataset({ rss: 501 }), "server RSS")).toBe("**missed**");
    expect(result(dataset({ overhead: 10 }), "decision")).toBe("met");
    expect(result(dataset({ overhead: 10.5 }), "decision")).toBe("**missed**");
  });
});
