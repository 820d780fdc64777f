import type { SqlSession } from "./sql";

type Plan = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; Plans?: Plan[] };

const SKIP = new Set(["Limit", "Result", "Gather", "Gather Merge", "Memoize"]);

function summarise(plan: Plan): string {
  const name = plan["Index Name"] ?? (plan["Node Type"] === "Seq Scan" ? plan["Relation Name"] : undefined);
  const here = name ? `${plan["Node Type"]} (${name})` : plan["Node Type"];
  const children = (plan.Plans ?? []).map(summarise);
  if (SKIP.has(plan["Node Type"]) && children.length === 1) return children[0]!;
  return children.length ? `${here} › ${children.join(" + ")}` : here;
}

/** The plan PostgreSQL picks for a statement, in one line (for the report, to say why a query is slow). */
export async function describePlan(sql: SqlSession, text: string, params: unknown[]): Promise<string> {
  try {
    const { rows } = await sql.query<{ "QUERY PLAN": [{ Plan: Plan }] | string }>(`explain (format json) ${text}`, params);
    const raw = rows[0]!["QUERY PLAN"];
    const parsed = typeof raw === "string" ? (JSON.parse(raw) as [{ Plan: Plan }]) : raw;
    return summarise(parsed[0].Plan);
  } catch (error) {
    return `(no plan: ${(error as Error).message})`;
  }
}
