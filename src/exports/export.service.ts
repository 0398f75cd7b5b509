import type { DecisionActor } from '../comments/comment.schemas.js';
import type { DbClient } from '../db/client.js';
import { exportedKeyOf, exportOrigin } from './export-origin.js';
import { findCommentsAfter, findDecisionsAfter, findThreadsAfter } from './export.repository.js';
import type { ExportLine } from './export.schemas.js';

const PAGE = 500;

function toLine(line: ExportLine): string {
  return `${JSON.stringify(line)}\n`;
}

/**
 * Every thread, then every comment, then the decision log, as JSON Lines, read in keyset pages so memory stays
 * flat however big the site. Includes authors' and moderators' email (this is an admin backup and audit trail)
 * but never IP hashes or user agents, which are only meaningful inside this instance. Each comment carries the key an
 * import knows it by (its import key, or `majlis:<origin>:<id>` for one written here), and its parent's.
 */
export async function* exportLines(db: DbClient, secret: string): AsyncGenerator<string> {
  const origin = exportOrigin(secret);
  for await (const t of inPages((cursor) => findThreadsAfter(db, cursor, PAGE))) {
    yield toLine({ type: 'thread', key: t.key, title: t.title, url: t.url, lang: t.lang, closed: t.closed, createdAt: t.createdAt.toISOString() });
  }
  for await (const c of inPages((cursor) => findCommentsAfter(db, cursor, PAGE))) {
    yield toLine({
      type: 'comment',
      id: c.id,
      threadKey: c.thread.key,
      parentId: c.parentId,
      parentImportKey: c.parentId === null ? null : (c.parent?.importKey ?? exportedKeyOf(origin, c.parentId)),
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      authorUrl: c.authorUrl,
      body: c.body,
      status: c.status,
      lang: c.lang,
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? null,
      deletedAt: c.deletedAt?.toISOString() ?? null,
      importKey: c.importKey ?? exportedKeyOf(origin, c.id),
    });
  }
  for await (const d of inPages((cursor) => findDecisionsAfter(db, cursor, PAGE))) {
    yield toLine({
      type: 'decision',
      id: d.id,
      commentId: d.commentId,
      // A plain string column written only from DECISION_ACTORS.
      actor: d.actor as DecisionActor,
      moderatorEmail: d.moderator?.email ?? null,
      fromStatus: d.fromStatus,
      toStatus: d.toStatus,
      action: d.action,
      note: d.note,
      batchId: d.batchId,
      undoneAt: d.undoneAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
    });
  }
}

/** Every row `read` gives, page after page: each page starts after the last id of the one before. */
async function* inPages<Row extends { id: number }>(read: (cursor: number) => Promise<Row[]>): AsyncGenerator<Row> {
  for (let cursor = 0; ; ) {
    const rows = await read(cursor);
    yield* rows;
    if (rows.length < PAGE) return;
    cursor = rows[rows.length - 1]?.id ?? cursor;
  }
}
