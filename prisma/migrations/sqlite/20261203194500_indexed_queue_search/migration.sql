-- Queue search through an index (docs/decisions/0018-indexed-queue-search.md). Written by hand: Prisma's model
-- cannot express an FTS5 table or triggers, so these objects live in SQL only (the drift check in
-- tests/db/migrations.test.ts leaves them out by name, and tests/db/search-index.test.ts checks they exist).
--
-- An external-content FTS5 table over the folded search text and the author key: it stores only the trigram
-- index, reading the text from "Comment" by rowid = "Comment"."id". The trigram tokenizer makes a quoted
-- phrase of 3 or more characters a plain substring test; the text is folded already (src/text/search-text.ts),
-- so the index folds nothing itself (case_sensitive 1, no diacritics removal).
CREATE VIRTUAL TABLE "CommentSearch" USING fts5(
  "searchText", "authorKey",
  content = 'Comment', content_rowid = 'id',
  tokenize = 'trigram case_sensitive 1'
);

INSERT INTO "CommentSearch" ("CommentSearch") VALUES ('rebuild');

-- Triggers keep the index in step with every write, whoever makes it (Prisma, raw SQL, imports).
-- HAZARD: a later Prisma migration that rebuilds "Comment" (CREATE "new_Comment", copy, DROP, RENAME) drops
-- these triggers with the old table; such a migration must end by creating them again, exactly as here
-- (tests/db/search-index.test.ts fails otherwise).
CREATE TRIGGER "Comment_search_ai" AFTER INSERT ON "Comment" BEGIN
  INSERT INTO "CommentSearch" (rowid, "searchText", "authorKey") VALUES (new."id", new."searchText", new."authorKey");
END;

CREATE TRIGGER "Comment_search_ad" AFTER DELETE ON "Comment" BEGIN
  INSERT INTO "CommentSearch" ("CommentSearch", rowid, "searchText", "authorKey") VALUES ('delete', old."id", old."searchText", old."authorKey");
END;

CREATE TRIGGER "Comment_search_au" AFTER UPDATE OF "searchText", "authorKey" ON "Comment" BEGIN
  INSERT INTO "CommentSearch" ("CommentSearch", rowid, "searchText", "authorKey") VALUES ('delete', old."id", old."searchText", old."authorKey");
  INSERT INTO "CommentSearch" (rowid, "searchText", "authorKey") VALUES (new."id", new."searchText", new."authorKey");
END;
