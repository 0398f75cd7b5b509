-- CreateTable
CREATE TABLE "ThreadChange" (
    "id" SERIAL NOT NULL,
    "threadKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThreadChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThreadChange_createdAt_idx" ON "ThreadChange"("createdAt");
