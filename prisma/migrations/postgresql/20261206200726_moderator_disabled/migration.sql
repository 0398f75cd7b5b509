-- AlterTable
ALTER TABLE "Moderator" ADD COLUMN     "disabledAt" TIMESTAMP(3);
