-- The durable intake queue (issue 11): a receipt waits as outcome 'queued' with its raw bytes and
-- headers until the webhooks.apply job applies it in queue_seq order. The column is added without
-- a default first and given one afterwards, so existing rows (all applied) keep NULL and the table
-- is not rewritten.
CREATE SEQUENCE IF NOT EXISTS "webhook_receipts_queue_seq";
--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "queue_seq" bigint;
--> statement-breakpoint
ALTER TABLE "webhook_receipts" ALTER COLUMN "queue_seq" SET DEFAULT nextval('webhook_receipts_queue_seq');
--> statement-breakpoint
ALTER SEQUENCE "webhook_receipts_queue_seq" OWNED BY "webhook_receipts"."queue_seq";
--> statement-breakpoint
-- Passes that failed on a queued receipt (its lane rolled back): past a few, the receipt is applied
-- on its own and, failing again, quarantined, so one event cannot hold up the queue for ever.
ALTER TABLE "webhook_receipts" ADD COLUMN "apply_attempts" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE INDEX "webhook_receipts_queued_idx" ON "webhook_receipts" USING btree ("queue_seq") WHERE "webhook_receipts"."outcome" = 'queued';
