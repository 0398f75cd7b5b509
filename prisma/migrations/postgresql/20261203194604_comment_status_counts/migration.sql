-- CreateTable
CREATE TABLE "CommentStatusCount" (
    "status" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "CommentStatusCount_pkey" PRIMARY KEY ("status","shard")
);

-- Hand-written below: the counts are kept by triggers, so every way a comment changes (the pipeline, decisions,
-- flags, edits, erasure, imports, cascades) keeps them right without application code. Sixteen shards by comment
-- id, so concurrent transactions rarely wait on one counter row; the sum per status is the count.
INSERT INTO "CommentStatusCount" ("status", "shard", "n")
SELECT "status"::text, 0, COUNT(*) FROM "Comment" WHERE "deletedAt" IS NULL GROUP BY "status";

CREATE FUNCTION "majlis_comment_status_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."deletedAt" IS NULL THEN
    INSERT INTO "CommentStatusCount" ("status", "shard", "n") VALUES (OLD."status"::text, OLD."id" % 16, -1)
    ON CONFLICT ("status", "shard") DO UPDATE SET "n" = "CommentStatusCount"."n" - 1;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW."deletedAt" IS NULL THEN
    INSERT INTO "CommentStatusCount" ("status", "shard", "n") VALUES (NEW."status"::text, NEW."id" % 16, 1)
    ON CONFLICT ("status", "shard") DO UPDATE SET "n" = "CommentStatusCount"."n" + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Comment_status_count_insert" AFTER INSERT ON "Comment"
FOR EACH ROW EXECUTE FUNCTION "majlis_comment_status_count"();

CREATE TRIGGER "Comment_status_count_delete" AFTER DELETE ON "Comment"
FOR EACH ROW EXECUTE FUNCTION "majlis_comment_status_count"();

CREATE TRIGGER "Comment_status_count_update" AFTER UPDATE OF "status", "deletedAt" ON "Comment"
FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR (OLD."deletedAt" IS NULL) IS DISTINCT FROM (NEW."deletedAt" IS NULL))
EXECUTE FUNCTION "majlis_comment_status_count"();
