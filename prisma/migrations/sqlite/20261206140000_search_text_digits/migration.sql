-- Queue search now folds Arabic-Indic and Eastern Arabic-Indic digits to ASCII ones (src/text/search-text.ts). The
-- search text stored with those digits is cleared here, and the start-up backfill computes it again the new way.
UPDATE "Comment" SET "searchText" = NULL WHERE "searchText" GLOB '*[٠-٩۰-۹]*';
