-- AlterTable
ALTER TABLE "Author" ADD COLUMN "identityKey" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Flag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" INTEGER NOT NULL,
    "readerKey" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "counted" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Flag_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Flag" ("commentId", "createdAt", "id", "note", "readerKey", "reason") SELECT "commentId", "createdAt", "id", "note", "readerKey", "reason" FROM "Flag";
DROP TABLE "Flag";
ALTER TABLE "new_Flag" RENAME TO "Flag";
CREATE UNIQUE INDEX "Flag_commentId_readerKey_key" ON "Flag"("commentId", "readerKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Author_identityKey_idx" ON "Author"("identityKey");
