ALTER TABLE "webhook_receipts" ADD COLUMN "raw_body" bytea;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "attempts" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "last_received_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "webhook_receipts" SET "last_received_at" = "received_at";--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "webhook_receipts_quarantine_idx" ON "webhook_receipts" USING btree ("provider","last_received_at") WHERE "webhook_receipts"."outcome" = 'quarantined';
