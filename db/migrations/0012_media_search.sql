DROP INDEX "media_created_idx";--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "file_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "media_words_idx" ON "media" USING gin (to_tsvector('simple', "alt" || ' ' || "caption" || ' ' || "credit" || ' ' || "file_name" || ' ' || regexp_replace("file_name", '[^[:alnum:]]+', ' ', 'g')));--> statement-breakpoint
CREATE INDEX "media_created_idx" ON "media" USING btree ("created_at","id");--> statement-breakpoint
-- Images uploaded before: their file name as the audit log recorded it at upload.
UPDATE "media" SET "file_name" = "audit_log"."details"->>'name' FROM "audit_log" WHERE "audit_log"."action" = 'media.upload' AND "audit_log"."target_id" = "media"."id"::text AND "audit_log"."details"->>'name' IS NOT NULL;
