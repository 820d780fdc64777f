-- Audit rows are now written unsealed inside the business transaction, without any lock, and
-- chained afterwards, in commit order, by one sealer at a time (lib/audit/seal.ts). `seq` stays
-- the row's id but comes from a sequence (gaps are fine: rolled-back transactions); the chain
-- position is `chain_seq`, NULL until sealed, like `prev_hash` and `hash`.
CREATE SEQUENCE IF NOT EXISTS "audit_events_seq_seq" AS bigint OWNED BY "audit_events"."seq";
--> statement-breakpoint
SELECT setval('audit_events_seq_seq', COALESCE((SELECT max("seq") FROM "audit_events"), 0) + 1, false);
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "seq" SET DEFAULT nextval('audit_events_seq_seq');
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" DROP NOT NULL;
--> statement-breakpoint
-- Rows chained before sealing existed sit at chain position = seq; their hashes stay valid
-- (the hash rule in lib/audit/hash.ts leaves `row` out when seq = chain_seq). The trigger is
-- off for this one statement only: it is the migration's own rewrite, not an edit of history.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_update_delete";
--> statement-breakpoint
UPDATE "audit_events" SET "chain_seq" = "seq";
--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_update_delete";
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_chain_seq_unique" UNIQUE ("chain_seq");
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_chain_seq_positive" CHECK ("chain_seq" IS NULL OR "chain_seq" > 0);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_sealed_together" CHECK (("chain_seq" IS NULL) = ("hash" IS NULL) AND ("hash" IS NULL) = ("prev_hash" IS NULL));
--> statement-breakpoint
-- The sealer's work list: small, since rows leave it within a seal interval.
CREATE INDEX "audit_events_unsealed_idx" ON "audit_events" USING btree ("seq") WHERE "hash" IS NULL;
--> statement-breakpoint
-- The one UPDATE allowed is sealing: on a row not sealed yet, set the three seal columns and
-- change nothing else (compared as the whole row, so a column added later is covered too).
-- Every other UPDATE, every DELETE and TRUNCATE is refused, as before.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD."hash" IS NULL AND OLD."prev_hash" IS NULL AND OLD."chain_seq" IS NULL
     AND NEW."hash" IS NOT NULL AND NEW."prev_hash" IS NOT NULL AND NEW."chain_seq" IS NOT NULL
     AND (to_jsonb(NEW) - 'chain_seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'chain_seq' - 'prev_hash' - 'hash')
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A row enters the log unsealed: only the sealer gives it a chain position, so no writer can
-- slip in a row that claims a place in the chain.
CREATE OR REPLACE FUNCTION audit_events_insert_unsealed() RETURNS trigger AS $$
BEGIN
  IF NEW."hash" IS NOT NULL OR NEW."prev_hash" IS NOT NULL OR NEW."chain_seq" IS NOT NULL THEN
    RAISE EXCEPTION 'audit_events rows are inserted unsealed: only the sealer chains them' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER "audit_events_insert_unsealed"
  BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_insert_unsealed();
