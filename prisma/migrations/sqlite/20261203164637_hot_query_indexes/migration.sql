-- DropIndex
DROP INDEX "Comment_threadId_rootId_idx";

-- CreateIndex
CREATE INDEX "Comment_rootId_status_id_idx" ON "Comment"("rootId", "status", "id");
