-- CreateTable
CREATE TABLE "LabelledExample" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "lang" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabelledExample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LabelledExample_key_key" ON "LabelledExample"("key");
