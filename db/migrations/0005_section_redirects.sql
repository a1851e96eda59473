ALTER TABLE "redirects" ALTER COLUMN "story_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "redirects" ADD COLUMN "section_id" integer;--> statement-breakpoint
ALTER TABLE "redirects" ADD CONSTRAINT "redirects_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "redirects_section_idx" ON "redirects" USING btree ("section_id");--> statement-breakpoint
ALTER TABLE "redirects" ADD CONSTRAINT "redirects_one_target" CHECK (num_nonnulls("redirects"."story_id", "redirects"."section_id") = 1);