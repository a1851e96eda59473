ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "sender_hash" text;--> statement-breakpoint
CREATE INDEX "comments_sender_idx" ON "comments" USING btree ("sender_hash","status");