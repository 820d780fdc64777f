-- Substring search over names and e-mails in any script.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "outbound_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "outbound_deliveries_eventId_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE INDEX "outbound_deliveries_due_idx" ON "outbound_deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "verification_sessions_provider_created_idx" ON "verification_sessions" USING btree ("provider","provider_created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "verification_sessions_assignee_idx" ON "verification_sessions" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "verification_sessions_name_trgm_idx" ON "verification_sessions" USING gin (lower("applicant_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "verification_sessions_email_trgm_idx" ON "verification_sessions" USING gin (lower("applicant_email") gin_trgm_ops);