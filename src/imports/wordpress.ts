import type { Readable } from 'node:stream';
import { decodeEntities, htmlToText } from './html-text.js';
import type { CommentRecord, ImportRecord } from './import.types.js';
import { streamXml } from './xml-stream.js';

const CAPTURES = new Set([
  'wp:base_site_url',
  'wp:base_blog_url',
  'title',
  'link',
  'wp:post_id',
  'wp:post_date_gmt',
  'wp:post_date',
  'wp:comment_status',
  'wp:comment_id',
  'wp:comment_author',
  'wp:comment_author_email',
  'wp:comment_author_url',
  'wp:comment_author_IP',
  'wp:comment_date_gmt',
  'wp:comment_date',
  'wp:comment_content',
  'wp:comment_approved',
  'wp:comment_type',
  'wp:comment_parent',
]);

const STATUS: Record<string, CommentRecord['status']> = { '1': 'approved', '0': 'pending', spam: 'spam', trash: 'rejected', 'post-trashed': 'rejected' };

/** WordPress writes `2024-01-31 18:05:00` in UTC for `comment_date_gmt`/`post_date_gmt` (all zeros when unknown). */
function parseWpDate(gmt: string, local: string): Date | null {
  for (const value of [gmt, local]) {
    const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
    if (!match || value.startsWith('0000')) continue;
    const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return null;
}

/**
 * Reads a WordPress export (WXR) comment by comment: `wp-<post_id>` becomes the thread key and
 * `wp:<site>:<comment_id>` the import key. A post's own content is never held in memory.
 */
export function readWordPress(input: Readable): AsyncGenerator<ImportRecord> {
  let site = 'site';
  let post: Record<string, string> = {};
  let threadEmitted = false;
  let comment: Record<string, string> | null = null;
  let bodyTooLarge = false;
  return streamXml<ImportRecord>(input, {
    root: { element: 'rss', format: 'WordPress (WXR)' },
    captures: CAPTURES,
    open(name) {
      if (name === 'item') {
        post = {};
        threadEmitted = false;
      } else if (name === 'wp:comment') {
        comment = {};
        bodyTooLarge = false;
      }
    },
    close(name, { text, cut }, path, emit) {
      const parent = path[path.length - 2];
      if ((name === 'wp:base_site_url' || name === 'wp:base_blog_url') && site === 'site') {
        site = text.trim().replace(/^https?:\/\//, '').replace(/\/$/, '') || 'site';
      } else if (parent === 'item' && CAPTURES.has(name)) {
        post[name] = text;
      } else if (parent === 'wp:comment' && comment) {
        comment[name] = text;
        if (name === 'wp:comment_content') bodyTooLarge = cut;
      } else if (name === 'wp:comment' && comment) {
        const postId = (post['wp:post_id'] ?? '').trim();
        if (!threadEmitted && postId) {
          emit({
            kind: 'thread',
            sourceId: postId,
            key: `wp-${postId}`,
            // WordPress stores titles and names HTML-escaped (`&amp;`); Majlis keeps plain text.
            title: decodeEntities(post.title ?? '').trim() || null,
            url: post.link?.trim() || null,
            closed: post['wp:comment_status']?.trim() === 'closed',
            createdAt: parseWpDate(post['wp:post_date_gmt'] ?? '', post['wp:post_date'] ?? ''),
          });
          threadEmitted = true;
        }
        const id = (comment['wp:comment_id'] ?? '').trim();
        const parentId = (comment['wp:comment_parent'] ?? '0').trim();
        const rawStatus = (comment['wp:comment_approved'] ?? '').trim();
        const type = (comment['wp:comment_type'] ?? '').trim();
        emit({
          kind: 'comment',
          importKey: `wp:${site}:${id}`,
          threadSourceId: postId,
          parentImportKey: parentId && parentId !== '0' ? `wp:${site}:${parentId}` : null,
          authorName: decodeEntities(comment['wp:comment_author'] ?? '').trim(),
          authorEmail: (comment['wp:comment_author_email'] ?? '').trim(),
          authorUrl: (comment['wp:comment_author_url'] ?? '').trim() || null,
          ip: (comment['wp:comment_author_IP'] ?? '').trim() || null,
          body: htmlToText(comment['wp:comment_content'] ?? ''),
          bodyTooLarge,
          rawDate: comment['wp:comment_date_gmt'] ?? comment['wp:comment_date'] ?? '',
          createdAt: parseWpDate(comment['wp:comment_date_gmt'] ?? '', comment['wp:comment_date'] ?? ''),
          status: STATUS[rawStatus] ?? null,
          rawStatus,
          ...(id ? {} : { skipReason: 'missing comment id' }),
          ...(type === 'pingback' || type === 'trackback' ? { skipReason: `${type}, not a reader comment` } : {}),
        });
        comment = null;
      }
    },
  });
}
