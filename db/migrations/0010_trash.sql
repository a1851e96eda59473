ALTER TABLE "redirects" DROP CONSTRAINT "redirects_one_target";--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "trashed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "trashed_by_id" integer;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_trashed_by_id_users_id_fk" FOREIGN KEY ("trashed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stories_trashed_idx" ON "stories" USING btree ("trashed_at","id") WHERE "stories"."trashed_at" is not null;--> statement-breakpoint
ALTER TABLE "redirects" ADD CONSTRAINT "redirects_one_target" CHECK (num_nonnulls("redirects"."story_id", "redirects"."section_id") <= 1);