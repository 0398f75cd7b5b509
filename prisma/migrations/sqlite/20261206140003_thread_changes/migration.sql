-- CreateTable
CREATE TABLE "ThreadChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "threadKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ThreadChange_createdAt_idx" ON "ThreadChange"("createdAt");
