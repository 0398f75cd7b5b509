-- AlterTable
ALTER TABLE "Author" ADD COLUMN     "identityKey" TEXT;

-- AlterTable
ALTER TABLE "Flag" ADD COLUMN     "counted" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "Author_identityKey_idx" ON "Author"("identityKey");
