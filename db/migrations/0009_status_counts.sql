-- Per provider and status, how many sessions there are, kept by triggers in the same transaction
-- as the change, so the Sessions list reads ~600 rows instead of counting the whole table.
-- Each transaction adds its deltas to rows of its own (slot = its xid), so no two writers ever
-- touch the same counter row: none waits for another's commit, and none can deadlock on them
-- (shared, striped rows did both when two transactions changed sessions in opposite orders).
-- The counts.fold job (lib/sessions/fold-status-counts.ts) folds committed rows into slot 0.
-- A count is the sum over its slots; a slot may go negative (taken in one, added in another).
CREATE TABLE "session_status_counts" (
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"slot" bigint NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "session_status_counts_provider_status_slot_pk" PRIMARY KEY("provider","status","slot")
);
--> statement-breakpoint
-- Inserts and deletes: one grouped upsert per statement (transition table), so a bulk load of
-- 100,000 rows costs one aggregate, not 100,000 upserts.
CREATE OR REPLACE FUNCTION session_status_counts_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO session_status_counts AS c (provider, status, slot, n)
    SELECT provider, status, txid_current(), count(*) FROM session_status_new GROUP BY provider, status ORDER BY provider, status
  ON CONFLICT (provider, status, slot) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION session_status_counts_delete() RETURNS trigger AS $$
BEGIN
  INSERT INTO session_status_counts AS c (provider, status, slot, n)
    SELECT provider, status, txid_current(), -count(*) FROM session_status_old GROUP BY provider, status ORDER BY provider, status
  ON CONFLICT (provider, status, slot) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Updates: per row, and only rows whose status or provider changed (the trigger's WHEN), so
-- claims, version bumps and syncs that keep the status cost nothing here.
CREATE OR REPLACE FUNCTION session_status_counts_update() RETURNS trigger AS $$
BEGIN
  INSERT INTO session_status_counts AS c (provider, status, slot, n)
    SELECT d.provider, d.status, txid_current(), d.n
    FROM (VALUES (OLD.provider, OLD.status, -1), (NEW.provider, NEW.status, 1)) AS d(provider, status, n)
    ORDER BY d.provider, d.status
  ON CONFLICT (provider, status, slot) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION session_status_counts_truncate() RETURNS trigger AS $$
BEGIN
  DELETE FROM session_status_counts;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER session_status_counts_on_insert
  AFTER INSERT ON verification_sessions REFERENCING NEW TABLE AS session_status_new
  FOR EACH STATEMENT EXECUTE FUNCTION session_status_counts_insert();
--> statement-breakpoint
CREATE TRIGGER session_status_counts_on_delete
  AFTER DELETE ON verification_sessions REFERENCING OLD TABLE AS session_status_old
  FOR EACH STATEMENT EXECUTE FUNCTION session_status_counts_delete();
--> statement-breakpoint
CREATE TRIGGER session_status_counts_on_update
  AFTER UPDATE OF status, provider ON verification_sessions
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.provider IS DISTINCT FROM NEW.provider)
  EXECUTE FUNCTION session_status_counts_update();
--> statement-breakpoint
CREATE TRIGGER session_status_counts_on_truncate
  AFTER TRUNCATE ON verification_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION session_status_counts_truncate();
--> statement-breakpoint
-- The triggers exist (and CREATE TRIGGER holds a lock that keeps writers out until this
-- migration commits) before the backfill counts, so no change falls between the two.
INSERT INTO session_status_counts (provider, status, slot, n)
  SELECT provider, status, 0, count(*) FROM verification_sessions GROUP BY provider, status;
--> statement-breakpoint
-- The audit log's target filter names an id of any type (a session, a user, a provider): the
-- (target_type, target_id, seq) index cannot serve it without the type, and it scanned the log.
CREATE INDEX "audit_events_target_id_idx" ON "audit_events" USING btree ("target_id","seq");
