-- CreateTable
CREATE TABLE "ErasedAccount" (
    "subjectHash" TEXT NOT NULL PRIMARY KEY,
    "erasedAt" DATETIME NOT NULL
);
