-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "riskScore" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "ClassifierModel" (
    "version" INTEGER NOT NULL,
    "blob" BYTEA NOT NULL,
    "examples" INTEGER NOT NULL,
    "metrics" JSONB NOT NULL,
    "lastDecisionId" INTEGER NOT NULL,
    "trainedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClassifierModel_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "leasedUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Comment_status_riskScore_id_idx" ON "Comment"("status", "riskScore", "id");
