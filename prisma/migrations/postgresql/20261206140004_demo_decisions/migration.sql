-- The demo threads' comments were logged as an import's decisions, so the classifier took them for a newsroom's own
-- labels (src/learning/learning.repository.ts). They are now logged by the actor `demo`, which teaches nothing.
UPDATE "Decision" SET "actor" = 'demo' WHERE "actor" = 'import' AND "note" = 'imported from the Majlis demo';
