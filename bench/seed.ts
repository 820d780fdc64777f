/**
 * Seeds N sessions in SQL (INSERT … SELECT generate_series, in chunks) on the schema the app's
 * migrations made. The secondary indexes of verification_sessions are dropped first and rebuilt
 * from their own definitions afterwards: one index build is far faster than N index inserts.
 * Values come from hashint4(row number), so every run seeds the same data.
 */
import { performance } from "node:perf_hooks";
import { people, PROVIDER_WEIGHTS, rawStatuses, STATUS_WEIGHTS, weightedCase } from "./seed-data";
import { seconds } from "./stats";
import type { SqlSession } from "./sql";

const CHUNK = 100_000;
// Uniform [0,1) from the row number and a salt.
const u = (salt: number) => `((hashint4(i * 16 + ${salt}) & 2147483647)::float8 / 2147483648)`;

const INSERT = `
with g as (
  select i, ${u(1)} u1, ${u(2)} u2, ${u(3)} u3, ${u(4)} u4, ${u(5)} u5, ${u(6)} u6, ${u(7)} u7, ${u(8)} u8
  from generate_series($1::int, $2::int) i
), p as (
  select g.*, ${weightedCase("u1", PROVIDER_WEIGHTS)} provider, ${weightedCase("u2", STATUS_WEIGHTS)} status, 1 + floor(u3 * 1000)::int k
  from g
), n as (
  -- Sessions nobody has started yet mostly carry no applicant data.
  select p.*, not ((status = 'created' and u4 < 0.7) or u4 < 0.01) named,
    case when u4 > 0.999 then null else now() - u7 * interval '365 days' end created
  from p
)
insert into verification_sessions
  (provider, provider_session_id, status, raw_status, applicant_name, applicant_email, applicant,
   provider_created_at, provider_updated_at, last_synced_at, created_at, updated_at)
select
  provider,
  case provider
    when 'didit' then md5('didit' || i)::uuid::text
    when 'beltic' then 'ses_' || substr(md5('beltic' || i), 1, 24)
    when 'idenfy' then upper(substr(md5('idenfy' || i), 1, 32))
    else 'vs_' || substr(md5('bynn' || i), 1, 22)
  end,
  status,
  coalesce($3::jsonb -> provider ->> status, status),
  case when named then ($4::text[])[k] end,
  case when named then ($7::text[])[k] || (i % 9973) || '@' || (array['example.com', 'mail.test', 'gmail.example', 'yandex.example', 'qq.example', 'почта.рф'])[1 + floor(u5 * 6)::int] end,
  case when named then jsonb_build_object('first_name', ($5::text[])[k], 'last_name', ($6::text[])[k],
    'date_of_birth', (date '1950-01-01' + floor(u6 * 20000)::int)::text, 'nationality', ($8::text[])[k]) else '{}'::jsonb end,
  created,
  created + u8 * interval '2 days',
  now() - u8 * interval '1 day',
  coalesce(created, now()) + interval '3 seconds',
  coalesce(created + u8 * interval '2 days', now())
from n`;

/** Rows `from`…`to` (1-based): a data set grows by seeding the next range. */
export async function seedSessions(sql: SqlSession, from: number, to: number, log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  const { rows: indexes } = await sql.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'verification_sessions' and indexname not like '%_pkey'`,
  );
  for (const index of indexes) await sql.query(`drop index "${index.indexname}"`);
  const who = people();
  const raw = JSON.stringify(rawStatuses());
  for (let first = from; first <= to; first += CHUNK) {
    const last = Math.min(to, first + CHUNK - 1);
    await sql.query(INSERT, [first, last, raw, who.names, who.givens, who.families, who.emails, who.countries]);
    log(`  inserted ${last.toLocaleString("en-US")} / ${to.toLocaleString("en-US")} sessions (${seconds(t0)})`);
  }
  const t1 = performance.now();
  for (const index of indexes) await sql.query(index.indexdef);
  log(`  rebuilt ${indexes.length} indexes in ${seconds(t1)}`);
}

/** Checks for the sessions in review that have none yet: the queue reads them (risk codes, failed checks). */
export async function seedQueueChecks(sql: SqlSession): Promise<void> {
  await sql.query(`
    insert into session_checks (session_id, provider_check_id, kind, result, score, codes)
    select s.id, k.kind, k.kind, r.result, case r.result when 'passed' then 0.97 when 'review' then 0.62 else 0.21 end,
      case r.result when 'passed' then array[]::text[] else array[k.code] end
    from verification_sessions s
    cross join (values ('idv', 'DATA_INCONSISTENT'), ('liveness', 'LOW_LIVENESS_SCORE'), ('face_match', 'LOW_FACE_MATCH_SIMILARITY'), ('aml', 'AML_SUSPECTION')) k(kind, code)
    cross join lateral (select case hashtext(s.id::text || k.kind) & 7 when 0 then 'failed' when 1 then 'review' else 'passed' end result) r
    where s.status = 'marked_for_review' and not exists (select 1 from session_checks c where c.session_id = s.id)`);
}

/** The oldest cases are being worked on, as on a real desk: a live claim each (claims of a smaller data set are moved). */
export async function seedClaims(sql: SqlSession, reviewerIds: string[]): Promise<void> {
  await sql.query(`update verification_sessions set assignee_id = null, claim_expires_at = null where assignee_id = any($1::uuid[])`, [reviewerIds]);
  for (const id of reviewerIds) {
    await sql.query(
      `update verification_sessions set assignee_id = $1, claim_expires_at = now() + interval '15 minutes'
       where id in (select id from verification_sessions where status = 'marked_for_review' and assignee_id is null
                    order by provider_created_at asc nulls last, id asc limit 5)`,
      [id],
    );
  }
}
