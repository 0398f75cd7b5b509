-- CreateTable
CREATE TABLE "ErasedAccount" (
    "subjectHash" TEXT NOT NULL,
    "erasedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ErasedAccount_pkey" PRIMARY KEY ("subjectHash")
);
