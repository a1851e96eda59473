CREATE TABLE "old_paths" (
	"path" text PRIMARY KEY NOT NULL,
	"story_id" integer,
	"section_id" integer,
	"tag_id" integer,
	"author_id" integer,
	"feed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "old_paths_one_target" CHECK (num_nonnulls("old_paths"."story_id", "old_paths"."section_id", "old_paths"."tag_id", "old_paths"."author_id") = 1 and not ("old_paths"."feed" and "old_paths"."story_id" is not null) or num_nonnulls("old_paths"."story_id", "old_paths"."section_id", "old_paths"."tag_id", "old_paths"."author_id") = 0)
);
--> statement-breakpoint
ALTER TABLE "old_paths" ADD CONSTRAINT "old_paths_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_paths" ADD CONSTRAINT "old_paths_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_paths" ADD CONSTRAINT "old_paths_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_paths" ADD CONSTRAINT "old_paths_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "old_paths_story_idx" ON "old_paths" USING btree ("story_id") WHERE "old_paths"."story_id" is not null;--> statement-breakpoint
CREATE INDEX "old_paths_section_idx" ON "old_paths" USING btree ("section_id") WHERE "old_paths"."section_id" is not null;--> statement-breakpoint
CREATE INDEX "old_paths_tag_idx" ON "old_paths" USING btree ("tag_id") WHERE "old_paths"."tag_id" is not null;--> statement-breakpoint
CREATE INDEX "old_paths_author_idx" ON "old_paths" USING btree ("author_id") WHERE "old_paths"."author_id" is not null;