-- AlterTable
ALTER TABLE "Thread" ADD COLUMN "describedBy" TEXT;
