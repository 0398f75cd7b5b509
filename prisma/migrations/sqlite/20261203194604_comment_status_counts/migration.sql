-- CreateTable
CREATE TABLE "CommentStatusCount" (
    "status" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    PRIMARY KEY ("status", "shard")
);

-- Hand-written below: the counts are kept by triggers, so every way a comment changes (the pipeline, decisions,
-- flags, edits, erasure, imports, cascades) keeps them right without application code. One shard on SQLite (one
-- writer at a time anyway). A later migration that rebuilds "Comment" (Prisma's RedefineTables) drops these
-- triggers: tests/db/status-counts.test.ts fails then, and the triggers must be created again in that migration.
INSERT INTO "CommentStatusCount" ("status", "shard", "n")
SELECT "status", 0, COUNT(*) FROM "Comment" WHERE "deletedAt" IS NULL GROUP BY "status";

CREATE TRIGGER "Comment_status_count_insert" AFTER INSERT ON "Comment" WHEN NEW."deletedAt" IS NULL
BEGIN
  INSERT INTO "CommentStatusCount" ("status", "shard", "n") VALUES (NEW."status", 0, 1)
  ON CONFLICT ("status", "shard") DO UPDATE SET "n" = "n" + 1;
END;

CREATE TRIGGER "Comment_status_count_delete" AFTER DELETE ON "Comment" WHEN OLD."deletedAt" IS NULL
BEGIN
  INSERT INTO "CommentStatusCount" ("status", "shard", "n") VALUES (OLD."status", 0, -1)
  ON CONFLICT ("status", "shard") DO UPDATE SET "n" = "n" - 1;
END;

CREATE TRIGGER "Comment_status_count_update" AFTER UPDATE OF "status", "deletedAt" ON "Comment"
WHEN OLD."status" IS NOT NEW."status" OR (OLD."deletedAt" IS NULL) IS NOT (NEW."deletedAt" IS NULL)
BEGIN
  INSERT INTO "CommentStatusCount" ("status", "shard", "n") SELECT OLD."status", 0, -1 WHERE OLD."deletedAt" IS NULL
  ON CONFLICT ("status", "shard") DO UPDATE SET "n" = "n" - 1;
  INSERT INTO "CommentStatusCount" ("status", "shard", "n") SELECT NEW."status", 0, 1 WHERE NEW."deletedAt" IS NULL
  ON CONFLICT ("status", "shard") DO UPDATE SET "n" = "n" + 1;
END;
