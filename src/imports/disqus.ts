import type { Readable } from 'node:stream';
import { decodeEntities, htmlToText } from './html-text.js';
import type { ImportRecord } from './import.types.js';
import { streamXml } from './xml-stream.js';

const CAPTURES = new Set(['forum', 'link', 'title', 'isClosed', 'message', 'createdAt', 'isDeleted', 'isSpam', 'isApproved', 'email', 'name', 'username', 'ipAddress']);

/** Disqus writes ISO 8601 UTC times (`2024-01-01T08:00:00Z`). */
function parseDisqusDate(raw: string | undefined): Date | null {
  const text = (raw ?? '').trim();
  const date = new Date(text);
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * Reads a Disqus export: `<thread dsq:id>` becomes thread key `disqus-<id>`, each `<post dsq:id>` a
 * comment with import key `disqus:<forum>:<id>`. isSpam maps to spam, isApproved=false to pending,
 * everything else to approved; posts marked isDeleted are skipped (their author or a moderator removed them).
 */
export function readDisqus(input: Readable): AsyncGenerator<ImportRecord> {
  let forum = '';
  let current: { type: 'thread' | 'post'; id: string; fields: Record<string, string>; threadRef: string; parentRef: string; messageCut: boolean } | null = null;
  return streamXml<ImportRecord>(input, {
    root: { element: 'disqus', format: 'Disqus' },
    captures: CAPTURES,
    open(name, attributes, path) {
      const depth = path.length;
      if (depth === 2 && (name === 'thread' || name === 'post')) {
        current = { type: name, id: attributes['dsq:id'] ?? '', fields: {}, threadRef: '', parentRef: '', messageCut: false };
      } else if (current?.type === 'post' && depth === 3 && name === 'thread') {
        current.threadRef = attributes['dsq:id'] ?? '';
      } else if (current?.type === 'post' && depth === 3 && name === 'parent') {
        current.parentRef = attributes['dsq:id'] ?? '';
      }
    },
    close(name, { text, cut }, path, emit) {
      const depth = path.length;
      if (current && depth >= 3 && CAPTURES.has(name)) {
        // Author fields sit one level deeper (<author><email>); thread's own fields at depth 3.
        current.fields[depth === 4 && path[2] === 'author' ? `author.${name}` : name] = text;
        if (name === 'message' && depth === 3) current.messageCut = cut;
        if (name === 'forum' && !forum) forum = text.trim();
        return;
      }
      if (depth !== 2 || !current) return;
      const f = current.fields;
      if (current.type === 'thread') {
        emit({
          kind: 'thread',
          sourceId: current.id,
          key: `disqus-${current.id}`,
          // Disqus escapes titles and names as HTML (`&amp;`); Majlis keeps plain text.
          title: decodeEntities(f.title ?? '').trim() || null,
          url: f.link?.trim() || null,
          closed: f.isClosed?.trim() === 'true',
          createdAt: parseDisqusDate(f.createdAt),
        });
      } else {
        const site = forum || 'disqus';
        const spam = f.isSpam?.trim() === 'true';
        const deleted = f.isDeleted?.trim() === 'true';
        const pending = f.isApproved?.trim() === 'false';
        emit({
          kind: 'comment',
          importKey: `disqus:${site}:${current.id}`,
          threadSourceId: current.threadRef,
          parentImportKey: current.parentRef ? `disqus:${site}:${current.parentRef}` : null,
          authorName: decodeEntities(f['author.name'] ?? f['author.username'] ?? '').trim(),
          authorEmail: (f['author.email'] ?? '').trim(),
          authorUrl: null,
          ip: f.ipAddress?.trim() || null,
          body: htmlToText(f.message ?? ''),
          bodyTooLarge: current.messageCut,
          rawDate: f.createdAt ?? '',
          createdAt: parseDisqusDate(f.createdAt),
          status: spam ? 'spam' : pending ? 'pending' : 'approved',
          rawStatus: spam ? 'isSpam' : pending ? 'isApproved=false' : 'approved',
          // A deleted post's text is gone or was removed on purpose: it is not history to restore.
          ...(deleted ? { skipReason: 'deleted in Disqus' } : {}),
          ...(current.id ? {} : { skipReason: 'missing post id' }),
        });
      }
      current = null;
    },
  });
}
