-- One row per named background job (lib/jobs/): the schedule, the lease of the instance running
-- it and the outcome of its last run. Every instance's runner claims due rows with
-- FOR UPDATE SKIP LOCKED, so each job runs on one instance at a time. No index beyond the key:
-- the table holds one row per job (a dozen), and updating an indexed run_at several times a
-- second would make every update a non-HOT one.
CREATE TABLE IF NOT EXISTS "jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'idle' NOT NULL,
	"run_at" timestamp with time zone,
	"every_ms" bigint,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer,
	"backoff_ms" bigint NOT NULL,
	"max_backoff_ms" bigint NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"requested_by" jsonb,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_error" text,
	"last_result" jsonb,
	CONSTRAINT "jobs_state_check" CHECK ("state" IN ('idle', 'queued', 'running', 'failed'))
);
