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
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_Thread" ("closed", "createdAt", "id", "key", "lang", "title", "url") SELECT "closed", "createdAt", "id", "key", "lang", "title", "url" FROM "Thread";
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
    CONSTRAINT "Comment_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorKey_fkey" FOREIGN KEY ("authorKey") REFERENCES "Author" ("emailKey") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorEmail", "authorKey", "authorName", "authorUrl", "body", "bodyHash", "createdAt", "deletedAt", "depth", "editTokenHash", "editedAt", "flagCount", "id", "importKey", "ipHash", "knownAuthor", "lang", "notify", "parentId", "reasons", "rootId", "status", "threadId", "updatedAt", "userAgent") SELECT "authorEmail", "authorKey", "authorName", "authorUrl", "body", "bodyHash", "createdAt", "deletedAt", "depth", "editTokenHash", "editedAt", "flagCount", "id", "importKey", "ipHash", "knownAuthor", "lang", "notify", "parentId", "reasons", "rootId", "status", "threadId", "updatedAt", "userAgent" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE UNIQUE INDEX "Comment_importKey_key" ON "Comment"("importKey");
CREATE INDEX "Comment_threadId_status_parentId_id_idx" ON "Comment"("threadId", "status", "parentId", "id");
CREATE INDEX "Comment_threadId_rootId_idx" ON "Comment"("threadId", "rootId");
CREATE INDEX "Comment_threadId_bodyHash_idx" ON "Comment"("threadId", "bodyHash");
CREATE INDEX "Comment_authorKey_createdAt_idx" ON "Comment"("authorKey", "createdAt");
CREATE INDEX "Comment_ipHash_createdAt_idx" ON "Comment"("ipHash", "createdAt");
CREATE INDEX "Comment_status_id_idx" ON "Comment"("status", "id");
CREATE TABLE "new_Author" (
    "emailKey" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'normal',
    "emailConfirmedAt" DATETIME,
    "confirmTokenHash" TEXT,
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_Author" ("confirmTokenHash", "createdAt", "emailConfirmedAt", "emailKey", "status") SELECT "confirmTokenHash", "createdAt", "emailConfirmedAt", "emailKey", "status" FROM "Author";
DROP TABLE "Author";
ALTER TABLE "new_Author" RENAME TO "Author";
CREATE UNIQUE INDEX "Author_confirmTokenHash_key" ON "Author"("confirmTokenHash");
CREATE TABLE "new_Flag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" INTEGER NOT NULL,
    "readerKey" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Flag_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Flag" ("commentId", "createdAt", "id", "note", "readerKey", "reason") SELECT "commentId", "createdAt", "id", "note", "readerKey", "reason" FROM "Flag";
DROP TABLE "Flag";
ALTER TABLE "new_Flag" RENAME TO "Flag";
CREATE UNIQUE INDEX "Flag_commentId_readerKey_key" ON "Flag"("commentId", "readerKey");
CREATE TABLE "new_Moderator" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'moderator',
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_Moderator" ("createdAt", "email", "failedLogins", "id", "lockedUntil", "passwordHash", "role") SELECT "createdAt", "email", "failedLogins", "id", "lockedUntil", "passwordHash", "role" FROM "Moderator";
DROP TABLE "Moderator";
ALTER TABLE "new_Moderator" RENAME TO "Moderator";
CREATE UNIQUE INDEX "Moderator_email_key" ON "Moderator"("email");
CREATE TABLE "new_ModeratorSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "moderatorId" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    CONSTRAINT "ModeratorSession_moderatorId_fkey" FOREIGN KEY ("moderatorId") REFERENCES "Moderator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ModeratorSession" ("createdAt", "expiresAt", "id", "lastSeenAt", "moderatorId", "tokenHash") SELECT "createdAt", "expiresAt", "id", "lastSeenAt", "moderatorId", "tokenHash" FROM "ModeratorSession";
DROP TABLE "ModeratorSession";
ALTER TABLE "new_ModeratorSession" RENAME TO "ModeratorSession";
CREATE UNIQUE INDEX "ModeratorSession_tokenHash_key" ON "ModeratorSession"("tokenHash");
CREATE INDEX "ModeratorSession_moderatorId_idx" ON "ModeratorSession"("moderatorId");
CREATE TABLE "new_Decision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" INTEGER NOT NULL,
    "moderatorId" INTEGER,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "note" TEXT,
    "batchId" TEXT,
    "undoneAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Decision_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Decision_moderatorId_fkey" FOREIGN KEY ("moderatorId") REFERENCES "Moderator" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Decision" ("actor", "batchId", "commentId", "createdAt", "fromStatus", "id", "moderatorId", "note", "toStatus", "undoneAt") SELECT "actor", "batchId", "commentId", "createdAt", "fromStatus", "id", "moderatorId", "note", "toStatus", "undoneAt" FROM "Decision";
DROP TABLE "Decision";
ALTER TABLE "new_Decision" RENAME TO "Decision";
CREATE INDEX "Decision_commentId_id_idx" ON "Decision"("commentId", "id");
CREATE INDEX "Decision_batchId_idx" ON "Decision"("batchId");
CREATE INDEX "Decision_createdAt_id_idx" ON "Decision"("createdAt", "id");
CREATE TABLE "new_Webhook" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "url" TEXT NOT NULL,
    "events" JSONB NOT NULL,
    "secret" TEXT NOT NULL,
    "createdBy" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "deletedAt" DATETIME
);
INSERT INTO "new_Webhook" ("createdAt", "createdBy", "deletedAt", "events", "id", "secret", "url") SELECT "createdAt", "createdBy", "deletedAt", "events", "id", "secret", "url" FROM "Webhook";
DROP TABLE "Webhook";
ALTER TABLE "new_Webhook" RENAME TO "Webhook";
CREATE TABLE "new_WebhookDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "webhookId" INTEGER NOT NULL,
    "eventId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WebhookDelivery" ("attempts", "createdAt", "deliveredAt", "event", "eventId", "id", "lastError", "lastStatusCode", "lockedUntil", "nextAttemptAt", "payload", "status", "webhookId") SELECT "attempts", "createdAt", "deliveredAt", "event", "eventId", "id", "lastError", "lastStatusCode", "lockedUntil", "nextAttemptAt", "payload", "status", "webhookId" FROM "WebhookDelivery";
DROP TABLE "WebhookDelivery";
ALTER TABLE "new_WebhookDelivery" RENAME TO "WebhookDelivery";
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");
CREATE INDEX "WebhookDelivery_webhookId_id_idx" ON "WebhookDelivery"("webhookId", "id");
CREATE TABLE "new_OutgoingMail" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "moderatorId" INTEGER,
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_OutgoingMail" ("attempts", "createdAt", "headers", "id", "kind", "lastError", "lockedUntil", "moderatorId", "nextAttemptAt", "sentAt", "status", "subject", "text", "to") SELECT "attempts", "createdAt", "headers", "id", "kind", "lastError", "lockedUntil", "moderatorId", "nextAttemptAt", "sentAt", "status", "subject", "text", "to" FROM "OutgoingMail";
DROP TABLE "OutgoingMail";
ALTER TABLE "new_OutgoingMail" RENAME TO "OutgoingMail";
CREATE INDEX "OutgoingMail_status_nextAttemptAt_idx" ON "OutgoingMail"("status", "nextAttemptAt");
CREATE INDEX "OutgoingMail_moderatorId_createdAt_idx" ON "OutgoingMail"("moderatorId", "createdAt");
CREATE TABLE "new_ModeratorAlert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "moderatorId" INTEGER NOT NULL,
    "commentId" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "mailId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ModeratorAlert_moderatorId_fkey" FOREIGN KEY ("moderatorId") REFERENCES "Moderator" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModeratorAlert_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ModeratorAlert" ("commentId", "createdAt", "event", "id", "mailId", "moderatorId") SELECT "commentId", "createdAt", "event", "id", "mailId", "moderatorId" FROM "ModeratorAlert";
DROP TABLE "ModeratorAlert";
ALTER TABLE "new_ModeratorAlert" RENAME TO "ModeratorAlert";
CREATE INDEX "ModeratorAlert_mailId_moderatorId_idx" ON "ModeratorAlert"("mailId", "moderatorId");
CREATE TABLE "new_PrivacyAction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subjectHash" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "moderatorId" INTEGER,
    "commentIds" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_PrivacyAction" ("action", "commentIds", "createdAt", "id", "moderatorId", "subjectHash") SELECT "action", "commentIds", "createdAt", "id", "moderatorId", "subjectHash" FROM "PrivacyAction";
DROP TABLE "PrivacyAction";
ALTER TABLE "new_PrivacyAction" RENAME TO "PrivacyAction";
CREATE INDEX "PrivacyAction_subjectHash_id_idx" ON "PrivacyAction"("subjectHash", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
