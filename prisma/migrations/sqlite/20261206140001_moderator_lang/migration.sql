-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Moderator" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'moderator',
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "lang" TEXT NOT NULL DEFAULT 'en'
);
INSERT INTO "new_Moderator" ("createdAt", "email", "failedLogins", "id", "lockedUntil", "passwordHash", "role") SELECT "createdAt", "email", "failedLogins", "id", "lockedUntil", "passwordHash", "role" FROM "Moderator";
DROP TABLE "Moderator";
ALTER TABLE "new_Moderator" RENAME TO "Moderator";
CREATE UNIQUE INDEX "Moderator_email_key" ON "Moderator"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
