-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "accountId" INTEGER,
ADD COLUMN     "authorBadges" JSONB,
ADD COLUMN     "identifiedBy" TEXT NOT NULL DEFAULT 'typed';

-- CreateTable
CREATE TABLE "Account" (
    "id" SERIAL NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "badges" JSONB NOT NULL,
    "role" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_issuer_subject_key" ON "Account"("issuer", "subject");

-- CreateIndex
CREATE INDEX "Comment_accountId_id_idx" ON "Comment"("accountId", "id");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;
