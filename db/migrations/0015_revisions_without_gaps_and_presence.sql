CREATE TABLE "story_presence" (
	"story_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_presence_story_id_user_id_pk" PRIMARY KEY("story_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "story_presence" ADD CONSTRAINT "story_presence_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_presence" ADD CONSTRAINT "story_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- hand-written:
-- Workflow steps used to bump stories.revision without a snapshot, leaving gaps in
-- story_revisions. Renumber each story's snapshots 1..n in their old order (through negative
-- numbers, so the unique index never sees two rows with one number mid-statement), give any
-- story without a snapshot one of its current state, and make stories.revision the count.
UPDATE "story_revisions" AS r SET "revision" = -n."rn"
FROM (SELECT "id", row_number() OVER (PARTITION BY "story_id" ORDER BY "revision", "id") AS "rn" FROM "story_revisions") AS n
WHERE r."id" = n."id";--> statement-breakpoint
UPDATE "story_revisions" SET "revision" = -"revision" WHERE "revision" < 0;--> statement-breakpoint
INSERT INTO "story_revisions" ("story_id", "revision", "snapshot", "author_id", "created_at")
SELECT s."id", 1, jsonb_build_object(
    'headline', s."headline", 'deck', s."deck", 'slug', s."slug", 'sectionId', s."section_id", 'body', s."body",
    'heroMediaId', s."hero_media_id", 'heroAlt', s."hero_alt", 'heroCaption', s."hero_caption", 'heroCredit', s."hero_credit",
    'seoTitle', s."seo_title", 'seoDescription', s."seo_description", 'commentsOpen', s."comments_open",
    'tags', COALESCE((SELECT jsonb_agg(t."name" ORDER BY st."position") FROM "story_tags" st JOIN "tags" t ON t."id" = st."tag_id" WHERE st."story_id" = s."id"), '[]'::jsonb),
    'authorIds', COALESCE((SELECT jsonb_agg(sa."author_id" ORDER BY sa."position") FROM "story_authors" sa WHERE sa."story_id" = s."id"), '[]'::jsonb),
    'relatedIds', COALESCE((SELECT jsonb_agg(rs."related_id" ORDER BY rs."position") FROM "related_stories" rs WHERE rs."story_id" = s."id"), '[]'::jsonb)
  ), COALESCE(s."updated_by_id", s."created_by_id"), s."updated_at"
FROM "stories" s
WHERE NOT EXISTS (SELECT 1 FROM "story_revisions" r WHERE r."story_id" = s."id");--> statement-breakpoint
UPDATE "stories" AS s SET "revision" = c."n"
FROM (SELECT "story_id", count(*)::integer AS "n" FROM "story_revisions" GROUP BY "story_id") AS c
WHERE c."story_id" = s."id" AND s."revision" <> c."n";
