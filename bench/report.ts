/** The measurements as Markdown tables, each with its target and whether it was met. */
import type { PageJs } from "./first-load-js";
import type { LoadResult } from "./http-load";
import type { MachineInfo, Memory } from "./machine";
import type { QueryResult } from "./queries";
import { count, mark, ms, ratio, times } from "./stats";
import type { InProcessResult } from "./in-process";
import type { HttpResult } from "./over-http";

export type DatasetReport = { driver: "postgres" | "pglite"; sessions: number; local: InProcessResult; http: HttpResult | null };
export type RunReport = {
  command: string;
  startedAt: Date;
  minutes: number;
  machine: MachineInfo;
  postgresVersion: string | null;
  connections: number;
  datasets: DatasetReport[];
};

export const TARGETS = { queryRatio: 1.5, ssrShare: 0.5, webhooksPerSecond: 1000, webhookShare: 0.4, decisionRatio: 1.5, jsKiB: 160, rssMiB: 500 };

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const name = (d: DatasetReport) => `${d.driver === "postgres" ? "PostgreSQL" : "PGlite"}, ${count(d.sessions)} sessions`;
const mib = (m: Memory | null) => (m ? `${m.rssMiB.toFixed(0)} MiB` : "–");

function queries(d: DatasetReport): string {
  const rows = d.local.queries.map((q: QueryResult) => {
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
  return table(
    [
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
    ],
    rows,
  );
}

const cpu = (r: LoadResult) => (Number.isFinite(r.cpuMsPerRequest) ? r.cpuMsPerRequest.toFixed(1) : "–");

function pages(d: DatasetReport, http: HttpResult): string {
  const base = http.pages[0]!;
  const rows = http.pages.map((p: LoadResult, i) => {
    const share = ratio(p.rps, base.rps);
    const cpuShare = ratio(base.cpuMsPerRequest, p.cpuMsPerRequest);
    const shares = `${(share * 100).toFixed(0)} % (by CPU: ${(cpuShare * 100).toFixed(0)} %)`;
    const verdict = i === 0 ? "(baseline)" : p.path === "/login" ? `${shares}, reference only` : `${shares} · ${mark(share >= TARGETS.ssrShare)}`;
    return [p.label, p.path, p.rps.toFixed(1), ms(p.p50), ms(p.p95), String(p.failed), cpu(p), p.loadAverage.toFixed(1), verdict];
  });
  return `${name(d)}\n\n${table(["page", "path", "req/s", "p50 ms", "p95 ms", "failed", "server CPU ms/req", "load avg", `vs static (≥ ${TARGETS.ssrShare * 100} %)`], rows)}`;
}

function webhooks(d: DatasetReport, http: HttpResult): string {
  const { events, bare, bodyBytes } = http.webhooks;
  const share = ratio(events.rps, bare.rps);
  const rows = [
    [
      `signed Didit webhooks (${count(bodyBytes)} B each)`,
      events.path,
      count(events.ok),
      events.rps.toFixed(0),
      ms(events.p50),
      ms(events.p95),
      String(events.failed),
      cpu(events),
      events.loadAverage.toFixed(1),
      `${mark(events.rps >= TARGETS.webhooksPerSecond)} (≥ ${TARGETS.webhooksPerSecond}/s); ${(share * 100).toFixed(0)} % of bare · ${mark(share >= TARGETS.webhookShare)}`,
    ],
    [
      "bare route",
      `GET ${bare.path}`,
      count(bare.ok),
      bare.rps.toFixed(0),
      ms(bare.p50),
      ms(bare.p95),
      String(bare.failed),
      cpu(bare),
      bare.loadAverage.toFixed(1),
      "(baseline)",
    ],
  ];
  return `${name(d)}\n\n${table(["what", "route", "requests", "per s", "p50 ms", "p95 ms", "failed", "server CPU ms/req", "load avg", "target"], rows)}`;
}

function js(list: PageJs[]): string {
  const rows = list.map((p) => [p.path, String(p.status), String(p.scripts), p.rawKiB.toFixed(1), p.gzipKiB.toFixed(1), mark(p.gzipKiB <= TARGETS.jsKiB)]);
  return table(["page", "HTTP", "scripts", "raw KiB", "gzip KiB", `≤ ${TARGETS.jsKiB} KB`], rows);
}

export function renderReport(run: RunReport): string {
  const m = run.machine;
  const parts = [
    `Command: \`${run.command}\` · ${run.startedAt.toISOString().replace("T", " ").slice(0, 16)} UTC · took ${run.minutes.toFixed(1)} min`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}${run.postgresVersion ? `, ${run.postgresVersion}` : ""}; load average at start ${m.loadAverage} (shared machine)`,
  ];
  for (const d of run.datasets)
    parts.push(
      `### List and queue queries: ${name(d)}\n\nSeeded in ${d.local.seedSeconds.toFixed(0)} s; database ${d.local.dbSize}. Target: app p95 ≤ ${TARGETS.queryRatio}× the same SQL run raw on the same connection.\n\n${queries(d)}`,
    );
  const served = run.datasets.filter((d) => d.http);
  if (served.length) {
    parts.push(
      `### Server-rendered pages, signed in as an admin, ${run.connections} connections\n\nTarget: SSR throughput ≥ ${TARGETS.ssrShare * 100} % of the static page's. "Server CPU" is the next start process's own CPU time per request (from /proc), which other processes on the machine barely move; "by CPU" compares those. Database CPU is not in it.\n\n${served.map((d) => pages(d, d.http!)).join("\n\n")}`,
    );
    parts.push(
      `### Signed webhook ingestion\n\nTargets: ≥ ${TARGETS.webhooksPerSecond} events/s on 2 cores, and ≥ ${TARGETS.webhookShare * 100} % of the bare route.\n\n${served.map((d) => webhooks(d, d.http!)).join("\n\n")}`,
    );
  }
  const decisions = run.datasets.map((d) => {
    const r = ratio(d.local.decisions.decide.p95, d.local.decisions.sandbox.p95);
    return [
      name(d),
      ms(d.local.decisions.decide.p50),
      ms(d.local.decisions.decide.p95),
      ms(d.local.decisions.sandbox.p50),
      ms(d.local.decisions.sandbox.p95),
      times(r),
      mark(r <= TARGETS.decisionRatio),
    ];
  });
  parts.push(
    `### Decision round trip\n\nTarget: decideCase p95 ≤ ${TARGETS.decisionRatio}× the sandbox call alone.\n\n${table(["data set", "decideCase p50 ms", "p95 ms", "sandbox call p50 ms", "p95 ms", "p95 ratio", `≤ ${TARGETS.decisionRatio}×`], decisions)}`,
  );
  const jsList = served.find((d) => d.http!.js)?.http!.js;
  if (jsList) parts.push(`### First-load JavaScript (production build, gzip -9)\n\n${js(jsList)}`);
  if (served.length) {
    const rows = served.map((d) => {
      const { loaded, afterPages, afterWebhooks } = d.http!.memory;
      const peak = Math.max(loaded?.peakMiB ?? 0, afterPages?.peakMiB ?? 0, afterWebhooks?.peakMiB ?? 0);
      const limit =
        d.driver === "pglite"
          ? `${mark((afterWebhooks?.rssMiB ?? Infinity) <= TARGETS.rssMiB && (afterPages?.rssMiB ?? Infinity) <= TARGETS.rssMiB)} (≤ ${TARGETS.rssMiB} MB)`
          : "(no target)";
      return [name(d), mib(loaded), mib(afterPages), mib(afterWebhooks), `${peak.toFixed(0)} MiB`, limit];
    });
    parts.push(
      `### Server memory (VmRSS of the next start process)\n\n${table(["data set", "after sign-in + first /sessions", "after the page load", "after the webhooks", "peak (VmHWM)", "target"], rows)}`,
    );
  }
  return parts.join("\n\n");
}
