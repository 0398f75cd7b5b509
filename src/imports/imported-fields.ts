import { COMMENT_LIMITS } from '../comments/comment.schemas.js';
import { charLength, cleanText, isBlank, parseWebUrl } from '../shared/text-checks.js';
import type { CommentRecord, ThreadRecord } from './import.types.js';

/** A comment's text fields as they will be stored, or why the comment cannot be. */
export type PreparedComment = { skip: string } | { body: string; authorName: string; authorUrl: string | null; warnings: string[] };

/** A thread's title and address as they will be stored, and what was left out. */
export interface PreparedThread {
  title: string | null;
  url: string | null;
  warnings: string[];
}

/** A name or title (plain text: the readers decode what their format escapes): one line, controls and bidi overrides removed (as the form refuses them). */
function cleanLine(raw: string, field: string, warnings: string[]): string {
  const { text, controls, bidi } = cleanText(raw, { allowNewlines: false, allowBidi: false });
  if (controls) warnings.push(`${field}: control characters removed`);
  if (bidi) warnings.push(`${field}: bidi override characters removed`);
  return text.replace(/\s+/g, ' ').trim();
}

/** An http(s) address within `max` characters, else null with the reason in `warnings`. */
function webAddress(raw: string | null, field: string, max: number, warnings: string[]): string | null {
  const address = raw?.trim() ?? '';
  if (address === '') return null;
  if (charLength(address) > max) warnings.push(`${field} longer than ${max} characters: left out`);
  else if (!parseWebUrl(address)) warnings.push(`${field} is not an http(s) address: left out`);
  else return address;
  return null;
}

/**
 * Holds an imported comment to the rules of the live form (SPEC section 3): a body or name over the
 * form's limits skips the comment; control characters are removed from both, bidi overrides from
 * the name (the form refuses them there, not in the body); an address the form would refuse is
 * left out. Every change is reported.
 */
export function prepareComment(record: Pick<CommentRecord, 'body' | 'bodyTooLarge' | 'authorName' | 'authorUrl' | 'deletedAt'>): PreparedComment {
  // A deleted comment (Majlis's own export) is only a placeholder above its replies: its text and author were erased.
  if (record.deletedAt) return { body: '', authorName: '', authorUrl: null, warnings: [] };
  const warnings: string[] = [];
  const cleanedBody = cleanText(record.body, { allowNewlines: true, allowBidi: true });
  if (cleanedBody.controls) warnings.push('comment: control characters removed');
  const body = cleanedBody.text.trim();
  if (record.bodyTooLarge || charLength(body) > COMMENT_LIMITS.body) return { skip: `comment longer than ${COMMENT_LIMITS.body} characters` };
  if (isBlank(body)) return { skip: 'empty comment' };
  const authorName = cleanLine(record.authorName, 'author name', warnings);
  if (charLength(authorName) > COMMENT_LIMITS.authorName) return { skip: `author name longer than ${COMMENT_LIMITS.authorName} characters` };
  const authorUrl = webAddress(record.authorUrl, 'author URL', COMMENT_LIMITS.authorUrl, warnings);
  return { body, authorName: isBlank(authorName) ? 'Anonymous' : authorName, authorUrl, warnings };
}

/** Holds an imported thread's title and address to the limits of the form's thread fields. */
export function prepareThread(record: Pick<ThreadRecord, 'title' | 'url'>): PreparedThread {
  const warnings: string[] = [];
  let title = record.title === null ? null : cleanLine(record.title, 'thread title', warnings);
  if (title !== null && charLength(title) > COMMENT_LIMITS.threadTitle) {
    warnings.push(`thread title longer than ${COMMENT_LIMITS.threadTitle} characters: left out`);
    title = null;
  }
  return { title: title || null, url: webAddress(record.url, 'thread URL', COMMENT_LIMITS.threadUrl, warnings), warnings };
}
