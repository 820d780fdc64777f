ALTER TABLE "sign_in_throttle" ADD COLUMN "refused" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_throttle" ADD COLUMN "refused_until" timestamp with time zone;
