-- AlterTable
ALTER TABLE "Moderator" ADD COLUMN     "lang" TEXT NOT NULL DEFAULT 'en';
