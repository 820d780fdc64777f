/**
 * Measures the Sessions list queries on an in-memory PGlite (prints, asserts nothing):
 *   node_modules/.bin/tsx --conditions=react-server scripts/bench-list.ts [sessions=200000] [runs=30]
 * Seeds N sessions with multi-row inserts, ANALYZEs, then times each query and shows the plan
 * PostgreSQL chose for it.
 */
import { performance } from "node:perf_hooks";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import { BUILT_IN_ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-viewer";
import type { SessionListCursor } from "@/lib/sessions/list-query";
import { listSessions, listSessionStatements, type ListSessionsInput } from "@/lib/sessions/list-sessions";
import { COMMON_STATUSES } from "@/lib/sessions/status";

const total = Number(process.argv[2] ?? 200_000);
const runs = Number(process.argv[3] ?? 30);
const BATCH = 1000;

const lead: Viewer = { id: "bench", email: "bench@example.test", name: "bench", role: "lead", roleName: "Lead", permissions: BUILT_IN_ROLE_PERMISSIONS.lead };

// Deterministic (mulberry32), so two runs seed the same data.
let seed = 20261122;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const GIVEN = ["Иван", "Анна", "Дмитрий", "王", "李", "张", "محمد", "فاطمة", "José", "Małgorzata", "Élodie", "Jürgen", "Sean", "Olga", "Nguyễn"];
const FAMILY = ["Петров", "Смирнова", "小明", "秀英", "伟", "العلي", "حسن", "García", "Kowalska", "Dubois", "Müller", "O'Brien", "Silva", "Tanaka", "Kim"];
const PROVIDERS = ["didit", "beltic", "idenfy", "bynn"] as const;
// Roughly a live desk: most sessions finished long ago, a few percent need a human.
const STATUS_WEIGHTS: [string, number][] = [
  ["approved", 0.45], ["declined", 0.12], ["expired", 0.15], ["completed", 0.05], ["failed", 0.04],
  ["marked_for_review", 0.04], ["pending", 0.05], ["started", 0.06], ["created", 0.04],
];
const weightedStatus = () => {
  let r = random();
  for (const [status, weight] of STATUS_WEIGHTS) if ((r -= weight) < 0) return status;
  return "approved";
};

async function seedSessions(handle: Awaited<ReturnType<typeof openDatabase>>) {
  const start = Date.parse("2024-11-01T00:00:00Z");
  const span = 2 * 365 * 86_400_000;
  for (let offset = 0; offset < total; offset += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, total - offset) }, (_, k) => {
      const n = offset + k;
      const given = pick(GIVEN);
      const family = pick(FAMILY);
      // Whole minutes: many sessions share a timestamp, as bulk imports do; 0.1 % have none.
      const at = random() < 0.001 ? null : new Date(start + Math.floor((random() * span) / 60_000) * 60_000);
      return {
        provider: pick(PROVIDERS),
        providerSessionId: `bench-${n.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`,
        status: weightedStatus(),
        rawStatus: "RAW",
        applicantName: random() < 0.1 ? null : `${given} ${family}`,
        applicantEmail: `user${n}@${pick(["example.com", "mail.test", "почта.рф"])}`,
        providerCreatedAt: at,
      };
    });
    await handle.db.insert(verificationSessions).values(rows);
  }
  await handle.db.execute(sql`vacuum analyze verification_sessions`);
}

type Plan = { "Node Type": string; "Index Name"?: string; Plans?: Plan[] };
const describePlan = (plan: Plan): string => {
  const here = plan["Index Name"] ? `${plan["Node Type"]} (${plan["Index Name"]})` : plan["Node Type"];
  const children = (plan.Plans ?? []).map(describePlan);
  return children.length ? `${here} > ${children.join(" + ")}` : here;
};

async function explain(client: PGlite, statement: { toSQL: () => { sql: string; params: unknown[] } }) {
  const { sql: text, params } = statement.toSQL();
  const result = await client.query<{ "QUERY PLAN": [{ Plan: Plan }] }>(`explain (format json) ${text}`, params as unknown[]);
  return describePlan(result.rows[0]!["QUERY PLAN"][0].Plan);
}

async function time(run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function main() {
  const handle = await openDatabase({ pgliteDir: "memory://" });
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  const t0 = performance.now();
  await seedSessions(handle);
  console.log(`seeded ${total} sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s (batches of ${BATCH}, then VACUUM ANALYZE)`);

  const { rows: [tenK] } = await client.query<{ id: string; at: string }>(
    `select id, to_char(provider_created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from verification_sessions
     order by provider_created_at desc nulls last, id asc offset 9999 limit 1`,
  );
  const deep: SessionListCursor = { direction: "after", at: tenK!.at, id: tenK!.id };

  const scenarios: [string, ListSessionsInput][] = [
    ["first page", {}],
    ["first page, oldest", { sort: "oldest" }],
    ["deep page (after 10k rows)", { cursor: deep }],
    ["status = marked_for_review", { statuses: ["marked_for_review"] }],
    ["status in (approved, declined)", { statuses: ["approved", "declined"] }],
    ["provider = idenfy", { providers: ["idenfy"] }],
    ["provider + status", { providers: ["bynn"], statuses: ["marked_for_review"] }],
    ["dates (one month)", { from: "2025-03-01", to: "2025-03-31" }],
    ["search 'петров' (common)", { q: "петров" }],
    ["search 'user12345@' (rare)", { q: "user12345@" }],
    ["search '小明'", { q: "小明" }],
    ["search provider session id", { q: "bench-zz-nomatch" }],
  ];
  const rows: string[][] = [["query", "page p50", "page p95", "counts p50", "counts p95", "whole list p50", "page plan", "counts plan"]];
  for (const [label, input] of scenarios) {
    const statements = listSessionStatements(handle.db, lead, input);
    const page = await time(() => listSessionStatements(handle.db, lead, input).page);
    const counts = await time(() => listSessionStatements(handle.db, lead, input).counts);
    const whole = await time(() => listSessions(handle.db, lead, input));
    rows.push([label, ms(page.p50), ms(page.p95), ms(counts.p50), ms(counts.p95), ms(whole.p50), await explain(client, statements.page), await explain(client, statements.counts)]);
  }
  console.log(`PGlite in memory, ${total} sessions, ${runs} runs after 3 warm-ups; statuses: ${COMMON_STATUSES.length}`);
  for (const row of rows) console.log(row.join(" | "));
  await handle.close();
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
