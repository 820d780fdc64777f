/** The measurements as Markdown: issue 11's table first (bench/issue-table.ts), then the detail behind each row. */
import type { ApplyRate } from "./apply-rate";
import type { PageJs } from "./first-load-js";
import type { LoadResult } from "./http-load";
import { issueTable, pageLoad, TARGETS as ISSUE } from "./issue-table";
import type { MachineInfo, Memory } from "./machine";
import type { QueryResult } from "./queries";
import { count, mark, ms, ratio, times } from "./stats";
import type { InProcessResult } from "./in-process";
import type { HttpResult } from "./over-http";

/** One size of a data set: what was measured in-process and over HTTP. */
export type SizeReport = { sessions: number; local: InProcessResult; http: HttpResult | null };
/** The data set at its full size, plus (PostgreSQL) the smaller size it grew from. */
export type DatasetReport = SizeReport & { driver: "postgres" | "pglite"; apply: ApplyRate | null; growth: SizeReport | null };
export type RunReport = {
  command: string;
  startedAt: Date;
  minutes: number;
  machine: MachineInfo;
  postgresVersion: string | null;
  connections: number;
  datasets: DatasetReport[];
};

const TARGETS = { queryRatio: 1.5, jsKiB: 160 };

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const driverName = (d: DatasetReport) => (d.driver === "postgres" ? "PostgreSQL" : "PGlite");
const name = (d: DatasetReport, size: SizeReport = d) => `${driverName(d)}, ${count(size.sessions)} sessions`;
const mib = (m: Memory | null) => (m ? `${m.rssMiB.toFixed(0)} MiB` : "–");
const pct = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(0)} %` : "–");
const cpu = (r: LoadResult) => (Number.isFinite(r.cpuMsPerRequest) ? r.cpuMsPerRequest.toFixed(1) : "–");
const sizes = (d: DatasetReport): SizeReport[] => (d.growth ? [d.growth, d] : [d]);

function pageQueries(d: DatasetReport): string {
  const rows = sizes(d).flatMap((size) =>
    size.local.pageQueries.map((q) => {
      const http = pageLoad(size.http?.pages, q.path);
      return [
        count(size.sessions),
        q.path,
        q.label,
        String(q.statements),
        ms(q.app.p95),
        ms(q.raw.p95),
        `${ms(q.rawUnderLoad.p50)} / ${ms(q.rawUnderLoad.p95)}`,
        q.rawUnderLoad.perSecond.toFixed(0),
        http ? `${ms(http.p50)} / ${ms(http.p95)}` : "–",
      ];
    }),
  );
  return `${name(d)}\n\n${table(["sessions", "page", "query", "statements", "app p95 ms (alone)", "raw p95 ms (alone)", `raw p50 / p95 ms (${d.local.pageQueries[0]?.rawUnderLoad.connections ?? "?"} in flight)`, "raw per s", "HTTP p50 / p95 ms"], rows)}`;
}

function queries(d: DatasetReport, list: QueryResult[]): string {
  const rows = list.map((q) => {
    const r = ratio(q.orm.p95, q.raw.p95);
    return [
      q.label,
      q.page,
      q.rows,
      String(q.orm.n),
      ms(q.orm.p50),
      ms(q.orm.p95),
      ms(q.raw.p50),
      ms(q.raw.p95),
      times(r),
      mark(r <= TARGETS.queryRatio),
      `${q.statements}: ${q.plans.join("; ")}`,
    ];
  });
  const head = [
    "query",
    "page",
    "rows",
    "runs",
    "app p50 ms",
    "app p95 ms",
    "raw SQL p50 ms",
    "raw SQL p95 ms",
    "p95 app/raw",
    `≤ ${TARGETS.queryRatio}×`,
    "statements: plans",
  ];
  return `### List and queue queries: ${name(d)}\n\nSeeded in ${d.local.seedSeconds.toFixed(0)} s; database ${d.local.dbSize}. Target: app p95 ≤ ${TARGETS.queryRatio}× the same SQL run raw on the same connection.\n\n${table(head, rows)}`;
}

function pages(d: DatasetReport, size: SizeReport, http: HttpResult): string {
  const statics = pageLoad(http.pages, "/bench-static");
  const login = pageLoad(http.pages, "/login");
  const rows = http.pages.map((p) => {
    const vsLogin = p.path === "/login" ? "(baseline)" : pct(ratio(p.rps, login?.rps ?? NaN));
    const vsStatic = p.path === "/bench-static" ? "(reference)" : statics ? pct(ratio(p.rps, statics.rps)) : "–";
    return [p.label, p.path, p.rps.toFixed(1), ms(p.p50), ms(p.p95), String(p.failed), cpu(p), p.loadAverage.toFixed(1), vsLogin, vsStatic];
  });
  return `${name(d, size)}\n\n${table(["page", "path", "req/s", "p50 ms", "p95 ms", "failed", "server CPU ms/req", "load avg", "vs /login", "vs static"], rows)}`;
}

function webhooks(d: DatasetReport, http: HttpResult): string {
  const w = http.webhooks;
  if (!w) return `${name(d)}: not measured`;
  const { intake, bare } = w;
  const apply = d.apply;
  const rows = [
    [
      `intake: signed Didit webhooks (${count(w.bodyBytes)} B each)`,
      `POST ${intake.path}`,
      count(intake.ok),
      `${intake.rps.toFixed(0)} answers/s`,
      ms(intake.p50),
      ms(intake.p95),
      String(intake.failed),
      cpu(intake),
      `${pct(ratio(intake.rps, bare.rps))} of bare`,
    ],
    [
      "apply: first sent → last applied",
      w.queuedAtIntakeEnd === null ? "(queue not visible: PGlite)" : `${count(w.queuedAtIntakeEnd)} queued at the last answer`,
      apply ? `${count(apply.applied)} of ${count(apply.events)}` : "–",
      apply ? `${apply.perSecond.toFixed(0)} events/s` : "–",
      "–",
      "–",
      apply ? `${apply.failed} failed, ${apply.queued} still queued` : "–",
      `end seen: ${w.drainedBy}`,
      apply ? `${pct(ratio(apply.perSecond, bare.rps))} of bare` : "–",
    ],
    ["bare route", `GET ${bare.path}`, count(bare.ok), `${bare.rps.toFixed(0)} req/s`, ms(bare.p50), ms(bare.p95), String(bare.failed), cpu(bare), "(baseline)"],
  ];
  return `${name(d)}\n\n${table(["what", "route", "count", "rate", "p50 ms", "p95 ms", "failed", "server CPU ms/req", "share"], rows)}`;
}

function js(list: PageJs[]): string {
  const rows = list.map((p) => [p.path, String(p.status), String(p.scripts), p.rawKiB.toFixed(1), p.gzipKiB.toFixed(1), mark(p.gzipKiB <= TARGETS.jsKiB)]);
  return table(["page", "HTTP", "scripts", "raw KiB", "gzip KiB", `≤ ${TARGETS.jsKiB} KB`], rows);
}

function decisions(list: DatasetReport[]): string {
  const rows = list.flatMap((d) => {
    const r = d.local.decisions;
    if (!r) return [];
    return [
      [
        name(d),
        ms(r.decide.p50),
        ms(r.decide.p95),
        ms(r.sandbox.p50),
        ms(r.sandbox.p95),
        ms(r.overhead.p50),
        ms(r.overhead.p95),
        mark(r.overhead.p95 <= ISSUE.decisionOverheadMs),
      ],
    ];
  });
  const head = [
    "data set",
    "decideCase p50 ms",
    "p95 ms",
    "sandbox call alone p50 ms",
    "p95 ms",
    "Verdict's own time p50 ms",
    "p95 ms",
    `≤ ${ISSUE.decisionOverheadMs} ms`,
  ];
  return `### Decision round trip\n\nVerdict's own time is each decideCase minus the time spent inside its provider calls (measured around the adapter). Target: p95 ≤ ${ISSUE.decisionOverheadMs} ms.\n\n${table(head, rows)}`;
}

function memory(list: DatasetReport[]): string {
  const rows = list.flatMap((d) => {
    if (!d.http) return [];
    const { loaded, afterPages, afterLoad } = d.http.memory;
    const peak = Math.max(loaded?.peakMiB ?? 0, afterPages?.peakMiB ?? 0, afterLoad?.peakMiB ?? 0);
    return [[name(d), mib(loaded), mib(afterPages), mib(afterLoad), `${peak.toFixed(0)} MiB`, mark((afterLoad?.rssMiB ?? Infinity) <= ISSUE.rssMiB)]];
  });
  const head = [
    "data set",
    "after sign-in + first /sessions",
    "after the page load",
    "after all the load (webhooks applied)",
    "peak (VmHWM)",
    `≤ ${ISSUE.rssMiB} MiB`,
  ];
  return `### Server memory (VmRSS of the next start process)\n\n${table(head, rows)}`;
}

export function renderReport(run: RunReport): string {
  const m = run.machine;
  const parts = [
    `Command: \`${run.command}\` · ${run.startedAt.toISOString().replace("T", " ").slice(0, 16)} UTC · took ${run.minutes.toFixed(1)} min`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}${run.postgresVersion ? `, ${run.postgresVersion}` : ""}; load average at start ${m.loadAverage} (shared machine)`,
    `### Issue 11's table (${run.connections} connections, signed in as an admin)\n\nPage p95s are over HTTP; their baseline is the same page's statements (recorded from the driver) replayed raw with as many in flight. Webhooks applied: events from the first one sent until the last one applied, however the server applies them. Detail below.\n\n${issueTable(run.datasets)}`,
    `### Page queries behind \`/sessions\` and \`/queue\`\n\n${run.datasets.map(pageQueries).join("\n\n")}`,
  ];
  for (const d of run.datasets) if (d.local.queries) parts.push(queries(d, d.local.queries));
  const served = run.datasets.filter((d) => d.http);
  if (served.length) {
    const blocks = served.flatMap((d) => sizes(d).flatMap((size) => (size.http ? [pages(d, size, size.http)] : [])));
    parts.push(
      `### Server-rendered pages, signed in as an admin, ${run.connections} connections\n\nTarget: \`/sessions\` throughput ≥ ${pct(ISSUE.loginShare)} of \`/login\` (dynamic, signed in, no list data); the static page is for reference. "Server CPU" is the next start process's own CPU time per request (from /proc), which other processes on the machine barely move. Database CPU is not in it.\n\n${blocks.join("\n\n")}`,
    );
    parts.push(
      `### Signed webhooks: intake and apply\n\nTargets: ≥ ${count(ISSUE.webhooksPerSecond)} events/s applied, and ≥ ${pct(ISSUE.webhookShare)} of the bare route.\n\n${served.map((d) => webhooks(d, d.http!)).join("\n\n")}`,
    );
  }
  parts.push(decisions(run.datasets));
  const jsList = served.find((d) => d.http!.js)?.http!.js;
  if (jsList) parts.push(`### First-load JavaScript (production build, gzip -9)\n\n${js(jsList)}`);
  if (served.length) parts.push(memory(served));
  return parts.join("\n\n");
}
