-- AlterTable
ALTER TABLE "Decision" ADD COLUMN "action" TEXT;

-- CreateTable
CREATE TABLE "Reaction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" INTEGER NOT NULL,
    "threadId" INTEGER NOT NULL,
    "readerKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Reaction_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Reaction_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Thread" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "title" TEXT,
    "url" TEXT,
    "lang" TEXT,
    "closed" BOOLEAN NOT NULL DEFAULT false,
    "reactorCount" INTEGER NOT NULL DEFAULT 0,
    "describedBy" TEXT,
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_Thread" ("closed", "createdAt", "describedBy", "id", "key", "lang", "title", "url") SELECT "closed", "createdAt", "describedBy", "id", "key", "lang", "title", "url" FROM "Thread";
DROP TABLE "Thread";
ALTER TABLE "new_Thread" RENAME TO "Thread";
CREATE UNIQUE INDEX "Thread_key_key" ON "Thread"("key");
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
    "reactionCount" INTEGER NOT NULL DEFAULT 0,
    "reactorsBefore" INTEGER NOT NULL DEFAULT 0,
    "featuredAt" DATETIME,
    "accountId" INTEGER,
    "authorBadges" JSONB,
    "identifiedBy" TEXT NOT NULL DEFAULT 'typed',
    CONSTRAINT "Comment_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorKey_fkey" FOREIGN KEY ("authorKey") REFERENCES "Author" ("emailKey") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("accountId", "authorBadges", "authorEmail", "authorKey", "authorName", "authorUrl", "body", "bodyHash", "createdAt", "deletedAt", "depth", "editTokenHash", "editedAt", "flagCount", "id", "identifiedBy", "importKey", "ipHash", "knownAuthor", "lang", "notify", "parentId", "reasons", "riskScore", "rootId", "searchText", "status", "threadId", "updatedAt", "userAgent") SELECT "accountId", "authorBadges", "authorEmail", "authorKey", "authorName", "authorUrl", "body", "bodyHash", "createdAt", "deletedAt", "depth", "editTokenHash", "editedAt", "flagCount", "id", "identifiedBy", "importKey", "ipHash", "knownAuthor", "lang", "notify", "parentId", "reasons", "riskScore", "rootId", "searchText", "status", "threadId", "updatedAt", "userAgent" FROM "Comment";
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
CREATE INDEX "Reaction_threadId_readerKey_idx" ON "Reaction"("threadId", "readerKey");

-- CreateIndex
CREATE UNIQUE INDEX "Reaction_commentId_readerKey_key" ON "Reaction"("commentId", "readerKey");
