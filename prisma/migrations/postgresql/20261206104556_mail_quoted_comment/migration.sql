-- AlterTable
ALTER TABLE "OutgoingMail" ADD COLUMN     "quotedCommentId" INTEGER;

-- CreateIndex
CREATE INDEX "OutgoingMail_quotedCommentId_idx" ON "OutgoingMail"("quotedCommentId");
