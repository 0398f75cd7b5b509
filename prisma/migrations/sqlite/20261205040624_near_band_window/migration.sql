-- A post's near-duplicate candidates share a band and fall in the campaign window (src/bots/bot-signals.repository.ts):
-- with the moment in each band's index, the window bounds the lookup. On the band alone, every comment of the archive
-- that ever shared a band was fetched to be checked against the window, a cost that grew with the archive.
-- DropIndex
DROP INDEX "Comment_nearBand0_idx";

-- DropIndex
DROP INDEX "Comment_nearBand1_idx";

-- DropIndex
DROP INDEX "Comment_nearBand2_idx";

-- DropIndex
DROP INDEX "Comment_nearBand3_idx";

-- DropIndex
DROP INDEX "Comment_nearBand4_idx";

-- DropIndex
DROP INDEX "Comment_nearBand5_idx";

-- DropIndex
DROP INDEX "Comment_nearBand6_idx";

-- DropIndex
DROP INDEX "Comment_nearBand7_idx";

-- CreateIndex
CREATE INDEX "Comment_nearBand0_createdAt_idx" ON "Comment"("nearBand0", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_nearBand1_createdAt_idx" ON "Comment"("nearBand1", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_nearBand2_createdAt_idx" ON "Comment"("nearBand2", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_nearBand3_createdAt_idx" ON "Comment"("nearBand3", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_nearBand4_createdAt_idx" ON "Comment"("nearBand4", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_nearBand5_createdAt_idx" ON "Comment"("nearBand5", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_nearBand6_createdAt_idx" ON "Comment"("nearBand6", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_nearBand7_createdAt_idx" ON "Comment"("nearBand7", "createdAt");
