-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "campaignId" INTEGER,
ADD COLUMN     "nearBand0" INTEGER,
ADD COLUMN     "nearBand1" INTEGER,
ADD COLUMN     "nearBand2" INTEGER,
ADD COLUMN     "nearBand3" INTEGER,
ADD COLUMN     "nearBand4" INTEGER,
ADD COLUMN     "nearBand5" INTEGER,
ADD COLUMN     "nearBand6" INTEGER,
ADD COLUMN     "nearBand7" INTEGER,
ADD COLUMN     "nearSignature" TEXT,
ADD COLUMN     "rangeHash" TEXT,
ADD COLUMN     "signals" JSONB;

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpamDomain" (
    "domain" TEXT NOT NULL,
    "marks" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpamDomain_pkey" PRIMARY KEY ("domain")
);

-- CreateIndex
CREATE INDEX "Comment_nearBand0_idx" ON "Comment"("nearBand0");

-- CreateIndex
CREATE INDEX "Comment_nearBand1_idx" ON "Comment"("nearBand1");

-- CreateIndex
CREATE INDEX "Comment_nearBand2_idx" ON "Comment"("nearBand2");

-- CreateIndex
CREATE INDEX "Comment_nearBand3_idx" ON "Comment"("nearBand3");

-- CreateIndex
CREATE INDEX "Comment_nearBand4_idx" ON "Comment"("nearBand4");

-- CreateIndex
CREATE INDEX "Comment_nearBand5_idx" ON "Comment"("nearBand5");

-- CreateIndex
CREATE INDEX "Comment_nearBand6_idx" ON "Comment"("nearBand6");

-- CreateIndex
CREATE INDEX "Comment_nearBand7_idx" ON "Comment"("nearBand7");

-- CreateIndex
CREATE INDEX "Comment_campaignId_idx" ON "Comment"("campaignId");

-- CreateIndex
CREATE INDEX "Comment_rangeHash_createdAt_idx" ON "Comment"("rangeHash", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_threadId_createdAt_idx" ON "Comment"("threadId", "createdAt");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;
