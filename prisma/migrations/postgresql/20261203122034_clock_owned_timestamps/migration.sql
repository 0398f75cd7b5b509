-- AlterTable
ALTER TABLE "Thread" DROP COLUMN "updatedAt",
ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "searchText" TEXT,
ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Author" DROP COLUMN "updatedAt",
ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Flag" ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Moderator" DROP COLUMN "updatedAt",
ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "ModeratorSession" ALTER COLUMN "createdAt" DROP DEFAULT,
ALTER COLUMN "lastSeenAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Decision" ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Webhook" ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "WebhookDelivery" DROP COLUMN "updatedAt",
ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "OutgoingMail" DROP COLUMN "updatedAt",
ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "ModeratorAlert" ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "PrivacyAction" ALTER COLUMN "createdAt" DROP DEFAULT;
