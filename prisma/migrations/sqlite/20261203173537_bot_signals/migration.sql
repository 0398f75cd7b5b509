-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SpamDomain" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "marks" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Comment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "threadId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "rootId" INTEGER,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "body" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "authorKey" TEXT NOT NULL,
    "authorUrl" TEXT,
    "knownAuthor" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reasons" JSONB NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "riskScore" REAL,
    "searchText" TEXT,
    "ipHash" TEXT,
    "userAgent" TEXT,
    "lang" TEXT,
    "editTokenHash" TEXT NOT NULL,
    "flagCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "editedAt" DATETIME,
    "deletedAt" DATETIME,
    "notify" BOOLEAN NOT NULL DEFAULT false,
    "importKey" TEXT,
    "signals" JSONB,
    "nearSignature" TEXT,
    "nearBand0" INTEGER,
    "nearBand1" INTEGER,
    "nearBand2" INTEGER,
    "nearBand3" INTEGER,
    "nearBand4" INTEGER,
    "nearBand5" INTEGER,
    "nearBand6" INTEGER,
    "nearBand7" INTEGER,
    "campaignId" INTEGER,
    "rangeHash" TEXT,
    "reactionCount" INTEGER NOT NULL DEFAULT 0,
    "reactorsBefore" INTEGER NOT NULL DEFAULT 0,
    "featuredAt" DATETIME,
    "accountId" INTEGER,
    "authorBadges" JSONB,
    "identifiedBy" TEXT NOT NULL DEFAULT 'typed',
    CONSTRAINT "Comment_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorKey_fkey" FOREIGN KEY ("authorKey") REFERENCES "Author" ("emailKey") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("accountId", "authorBadges", "authorEmail", "authorKey", "authorName", "authorUrl", "body", "bodyHash", "createdAt", "deletedAt", "depth", "editTokenHash", "editedAt", "featuredAt", "flagCount", "id", "identifiedBy", "importKey", "ipHash", "knownAuthor", "lang", "notify", "parentId", "reactionCount", "reactorsBefore", "reasons", "riskScore", "rootId", "searchText", "status", "threadId", "updatedAt", "userAgent") SELECT "accountId", "authorBadges", "authorEmail", "authorKey", "authorName", "authorUrl", "body", "bodyHash", "createdAt", "deletedAt", "depth", "editTokenHash", "editedAt", "featuredAt", "flagCount", "id", "identifiedBy", "importKey", "ipHash", "knownAuthor", "lang", "notify", "parentId", "reactionCount", "reactorsBefore", "reasons", "riskScore", "rootId", "searchText", "status", "threadId", "updatedAt", "userAgent" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE UNIQUE INDEX "Comment_importKey_key" ON "Comment"("importKey");
CREATE INDEX "Comment_threadId_status_parentId_id_idx" ON "Comment"("threadId", "status", "parentId", "id");
CREATE INDEX "Comment_rootId_status_id_idx" ON "Comment"("rootId", "status", "id");
CREATE INDEX "Comment_threadId_bodyHash_idx" ON "Comment"("threadId", "bodyHash");
CREATE INDEX "Comment_authorKey_createdAt_idx" ON "Comment"("authorKey", "createdAt");
CREATE INDEX "Comment_ipHash_createdAt_idx" ON "Comment"("ipHash", "createdAt");
CREATE INDEX "Comment_status_id_idx" ON "Comment"("status", "id");
CREATE INDEX "Comment_status_riskScore_id_idx" ON "Comment"("status", "riskScore", "id");
CREATE INDEX "Comment_nearBand0_idx" ON "Comment"("nearBand0");
CREATE INDEX "Comment_nearBand1_idx" ON "Comment"("nearBand1");
CREATE INDEX "Comment_nearBand2_idx" ON "Comment"("nearBand2");
CREATE INDEX "Comment_nearBand3_idx" ON "Comment"("nearBand3");
CREATE INDEX "Comment_nearBand4_idx" ON "Comment"("nearBand4");
CREATE INDEX "Comment_nearBand5_idx" ON "Comment"("nearBand5");
CREATE INDEX "Comment_nearBand6_idx" ON "Comment"("nearBand6");
CREATE INDEX "Comment_nearBand7_idx" ON "Comment"("nearBand7");
CREATE INDEX "Comment_campaignId_idx" ON "Comment"("campaignId");
CREATE INDEX "Comment_rangeHash_createdAt_idx" ON "Comment"("rangeHash", "createdAt");
CREATE INDEX "Comment_threadId_createdAt_idx" ON "Comment"("threadId", "createdAt");
CREATE INDEX "Comment_accountId_id_idx" ON "Comment"("accountId", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
