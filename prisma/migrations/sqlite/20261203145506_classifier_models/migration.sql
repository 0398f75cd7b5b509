-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "riskScore" REAL;

-- CreateTable
CREATE TABLE "ClassifierModel" (
    "version" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "blob" BLOB NOT NULL,
    "examples" INTEGER NOT NULL,
    "metrics" JSONB NOT NULL,
    "lastDecisionId" INTEGER NOT NULL,
    "trainedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "leasedUntil" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Comment_status_riskScore_id_idx" ON "Comment"("status", "riskScore", "id");
