-- CreateTable
CREATE TABLE "Account" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "badges" JSONB NOT NULL,
    "role" TEXT,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL
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
    "accountId" INTEGER,
    "authorBadges" JSONB,
    "identifiedBy" TEXT NOT NULL DEFAULT 'typed',
    CONSTRAINT "Comment_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorKey_fkey" FOREIGN KEY ("authorKey") REFERENCES "Author" ("emailKey") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorEmail", "authorKey", "authorName", "authorUrl", "body", "bodyHash", "createdAt", "deletedAt", "depth", "editTokenHash", "editedAt", "flagCount", "id", "importKey", "ipHash", "knownAuthor", "lang", "notify", "parentId", "reasons", "riskScore", "rootId", "searchText", "status", "threadId", "updatedAt", "userAgent") SELECT "authorEmail", "authorKey", "authorName", "authorUrl", "body", "bodyHash", "createdAt", "deletedAt", "depth", "editTokenHash", "editedAt", "flagCount", "id", "importKey", "ipHash", "knownAuthor", "lang", "notify", "parentId", "reasons", "riskScore", "rootId", "searchText", "status", "threadId", "updatedAt", "userAgent" FROM "Comment";
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
CREATE INDEX "Comment_accountId_id_idx" ON "Comment"("accountId", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Account_issuer_subject_key" ON "Account"("issuer", "subject");
