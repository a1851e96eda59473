ALTER TABLE "redirects" DROP CONSTRAINT "redirects_one_target";--> statement-breakpoint
ALTER TABLE "redirects" ADD COLUMN "author_id" integer;--> statement-breakpoint
ALTER TABLE "redirects" ADD CONSTRAINT "redirects_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "redirects_author_idx" ON "redirects" USING btree ("author_id");--> statement-breakpoint
ALTER TABLE "redirects" ADD CONSTRAINT "redirects_one_target" CHECK (num_nonnulls("redirects"."story_id", "redirects"."section_id", "redirects"."author_id") <= 1);