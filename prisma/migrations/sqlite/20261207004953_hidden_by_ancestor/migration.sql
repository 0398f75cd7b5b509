-- Replies beneath a comment readers do not see are neither shown nor counted (docs/decisions/0024). Written by hand:
-- Prisma rebuilt the table for the new column, which would drop the hand-written search triggers and partial index.
DROP INDEX "Comment_rootId_status_id_idx";
DROP INDEX "Comment_visible_threadId_status_idx";

ALTER TABLE "Comment" ADD COLUMN "hiddenByAncestor" BOOLEAN NOT NULL DEFAULT false;

-- Backfill: a reply is hidden by an ancestor when its parent is not approved or is itself hidden by one. One pass sets
-- the replies one level further down (an UPDATE decides its rows before it writes them), and replies nest at most four
-- levels below their top-level comment (src/comments/reply-placement.ts): four passes reach them all. Each pass reads
-- the comments once, with a primary-key lookup per reply.
UPDATE "Comment" SET "hiddenByAncestor" = true WHERE "parentId" IS NOT NULL AND NOT "hiddenByAncestor" AND EXISTS (
  SELECT 1 FROM "Comment" AS parent WHERE parent."id" = "Comment"."parentId" AND (parent."status" <> 'approved' OR parent."hiddenByAncestor"));
UPDATE "Comment" SET "hiddenByAncestor" = true WHERE "parentId" IS NOT NULL AND NOT "hiddenByAncestor" AND EXISTS (
  SELECT 1 FROM "Comment" AS parent WHERE parent."id" = "Comment"."parentId" AND (parent."status" <> 'approved' OR parent."hiddenByAncestor"));
UPDATE "Comment" SET "hiddenByAncestor" = true WHERE "parentId" IS NOT NULL AND NOT "hiddenByAncestor" AND EXISTS (
  SELECT 1 FROM "Comment" AS parent WHERE parent."id" = "Comment"."parentId" AND (parent."status" <> 'approved' OR parent."hiddenByAncestor"));
UPDATE "Comment" SET "hiddenByAncestor" = true WHERE "parentId" IS NOT NULL AND NOT "hiddenByAncestor" AND EXISTS (
  SELECT 1 FROM "Comment" AS parent WHERE parent."id" = "Comment"."parentId" AND (parent."status" <> 'approved' OR parent."hiddenByAncestor"));

CREATE INDEX "Comment_rootId_status_hiddenByAncestor_id_idx" ON "Comment"("rootId", "status", "hiddenByAncestor", "id");
-- The partial index that counts a thread's visible comments alone (20261204062500_visible_thread_index), now with the
-- new column, so counts still read no row.
CREATE INDEX "Comment_visible_threadId_status_idx" ON "Comment"("threadId", "status", "hiddenByAncestor", "deletedAt") WHERE "deletedAt" IS NULL;
