DROP INDEX "comments_status_idx";--> statement-breakpoint
DROP INDEX "stories_published_idx";--> statement-breakpoint
DROP INDEX "stories_section_published_idx";--> statement-breakpoint
DROP INDEX "stories_status_idx";--> statement-breakpoint
CREATE INDEX "comments_parent_idx" ON "comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "comments_queue_idx" ON "comments" USING btree ((case when "status" = 'pending' then 1 else 0 end),"created_at","id");--> statement-breakpoint
CREATE INDEX "comments_created_idx" ON "comments" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "stories_section_changed_idx" ON "stories" USING btree ("section_id",greatest("published_at", "revised_at")) WHERE "stories"."status" = 'published';--> statement-breakpoint
CREATE INDEX "stories_updated_idx" ON "stories" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "stories_created_by_idx" ON "stories" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "stories_headline_words_idx" ON "stories" USING gin (to_tsvector('simple', "headline"));--> statement-breakpoint
CREATE INDEX "comments_status_idx" ON "comments" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "stories_published_idx" ON "stories" USING btree ("published_at","id") WHERE "stories"."status" = 'published';--> statement-breakpoint
CREATE INDEX "stories_section_published_idx" ON "stories" USING btree ("section_id","published_at","id") WHERE "stories"."status" = 'published';--> statement-breakpoint
CREATE INDEX "stories_status_idx" ON "stories" USING btree ("status","updated_at","id");