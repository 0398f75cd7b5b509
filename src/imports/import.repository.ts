import type { DbClient } from '../db/client.js';
import type { Comment, Prisma } from '../generated/sqlite/client.js';

/** Where to find the comment a key names: by the key it was imported under, or (`ownId`) as a row written here. */
const byKey = (importKey: string, ownId: number | null) => (ownId === null ? { importKey } : { id: ownId });

/** True when the comment with this source key is here already (imported before, or, with `ownId`, written here). */
export async function importKeyExists(db: DbClient, importKey: string, ownId: number | null): Promise<boolean> {
  return (await db.comment.findUnique({ where: byKey(importKey, ownId), select: { id: true } })) !== null;
}

/** The comment with this source key (imported, or, with `ownId`, written here). */
export function findByImportKey(
  db: DbClient,
  importKey: string,
  ownId: number | null,
): Promise<Pick<Comment, 'id' | 'parentId' | 'rootId' | 'depth' | 'threadId' | 'status' | 'hiddenByAncestor'> | null> {
  return db.comment.findUnique({ where: byKey(importKey, ownId), select: { id: true, parentId: true, rootId: true, depth: true, threadId: true, status: true, hiddenByAncestor: true } });
}

/** Creates or fills in an imported thread; an existing thread keeps what it has. */
export async function upsertImportedThread(
  db: DbClient,
  t: { key: string; title: string | null; url: string | null; closed: boolean; lang: string | null; createdAt: Date },
) {
  const existing = await db.thread.findUnique({ where: { key: t.key } });
  if (existing) return existing;
  return db.thread.create({ data: { key: t.key, title: t.title, url: t.url, closed: t.closed, lang: t.lang, createdAt: t.createdAt } });
}

/** Stores one imported comment with its author and a decision-log entry, in one transaction. */
export async function insertImportedComment(db: DbClient, data: Prisma.CommentUncheckedCreateInput, { source, actor }: { source: string; actor: 'import' | 'demo' }): Promise<number> {
  // A new author's record dates from the import (the comment's updatedAt), not from their first comment.
  await db.author.upsert({ where: { emailKey: data.authorKey }, create: { emailKey: data.authorKey, createdAt: data.updatedAt }, update: {} });
  const row = await db.comment.create({ data, select: { id: true, status: true, createdAt: true } });
  await db.decision.create({ data: { commentId: row.id, actor, fromStatus: null, toStatus: row.status, note: `imported from ${source}`, createdAt: row.createdAt } });
  return row.id;
}
