-- AlterTable
ALTER TABLE "Moderator" ADD COLUMN "disabledAt" DATETIME;
