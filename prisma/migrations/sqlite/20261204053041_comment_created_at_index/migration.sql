-- CreateIndex
CREATE INDEX "Comment_createdAt_idx" ON "Comment"("createdAt");
