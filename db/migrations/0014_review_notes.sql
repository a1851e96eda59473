CREATE TABLE "story_notes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "story_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"story_id" integer NOT NULL,
	"author_id" integer,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "story_notes" ADD CONSTRAINT "story_notes_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_notes" ADD CONSTRAINT "story_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_notes_story_idx" ON "story_notes" USING btree ("story_id","created_at");--> statement-breakpoint
CREATE INDEX "story_notes_open_idx" ON "story_notes" USING btree ("created_at","id") WHERE "story_notes"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "stories_review_queue_idx" ON "stories" USING btree ("submitted_at","id") WHERE "stories"."status" = 'review';--> statement-breakpoint
CREATE INDEX "stories_scheduled_idx" ON "stories" USING btree ("scheduled_at","id") WHERE "stories"."status" = 'scheduled';--> statement-breakpoint
-- hand-written: stories already in review join the queue at their last change.
UPDATE "stories" SET "submitted_at" = "updated_at" WHERE "status" = 'review' AND "submitted_at" IS NULL;
