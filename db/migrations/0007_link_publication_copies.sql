ALTER TABLE "story_authors" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "story_authors" ADD COLUMN "changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "story_tags" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "story_tags" ADD COLUMN "changed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "story_authors_author_published_idx" ON "story_authors" USING btree ("author_id","published_at","story_id") WHERE "story_authors"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "story_authors_author_changed_idx" ON "story_authors" USING btree ("author_id","changed_at") WHERE "story_authors"."changed_at" is not null;--> statement-breakpoint
CREATE INDEX "story_tags_tag_published_idx" ON "story_tags" USING btree ("tag_id","published_at","story_id") WHERE "story_tags"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "story_tags_tag_changed_idx" ON "story_tags" USING btree ("tag_id","changed_at") WHERE "story_tags"."changed_at" is not null;