import type { Readable } from 'node:stream';
import { z } from 'zod';
import { exportCommentSchema, exportDecisionSchema, exportThreadSchema } from '../exports/export.schemas.js';
import { hasUnsafeCharacters } from '../shared/text-checks.js';
import { threadKeySchema } from '../threads/thread.schemas.js';
import type { ImportRecord } from './import.types.js';
import { WrongFileError } from './xml-stream.js';

/**
 * The longest line read. A line of the export is one thread, comment or log entry within the form's limits (5000
 * characters of body, each at most 6 in JSON), far under this; a longer one is not the export, and is never held whole.
 */
const MAX_LINE_CHARS = 1024 * 1024;

// The export's own schemas, with dates that must be dates (the export writes toISOString), keys that are keys and
// languages Majlis speaks: a file edited by hand (or by a hostile hand) must not store a thread no route can reach, a
// key PostgreSQL refuses halfway through the import (NUL), or a language attribute carrying markup.
const date = z.iso.datetime();
const importKey = z
  .string()
  .max(300)
  .refine((key) => key.trim() !== '' && !hasUnsafeCharacters(key, { allowNewlines: false }), 'not a key');
const lang = z.enum(['ar', 'en']).nullable();
const lineSchema = z.discriminatedUnion('type', [
  exportThreadSchema.extend({ key: threadKeySchema, lang, createdAt: date }),
  exportCommentSchema.extend({
    threadKey: threadKeySchema,
    lang,
    createdAt: date,
    editedAt: date.nullable(),
    deletedAt: date.nullable(),
    importKey: importKey.nullable(),
    // Absent from exports written before it was added: the parent is then found by its id.
    parentImportKey: importKey.nullable().optional(),
  }),
  exportDecisionSchema,
]);

/** Each line of `input` with its number, a line never held past {@link MAX_LINE_CHARS}. */
async function* linesOf(input: Readable): AsyncGenerator<{ text: string; number: number }> {
  const decoder = new TextDecoder('utf-8');
  let partial = '';
  let number = 0;
  const tooLong = () => new WrongFileError(`Line ${number + 1} is not a line of a Majlis export: it is longer than ${MAX_LINE_CHARS} characters.`);
  for await (const chunk of input) {
    const lines = (partial + decoder.decode(chunk as Buffer, { stream: true })).split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) {
      number += 1;
      if (text.length > MAX_LINE_CHARS) throw tooLong();
      yield { text, number };
    }
    if (partial.length > MAX_LINE_CHARS) throw tooLong();
  }
  partial += decoder.decode();
  if (partial !== '') yield { text: partial, number: number + 1 };
}

/** A line as JSON, or why it is not a line of the export. */
function parseLine(text: string, number: number): z.infer<typeof lineSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WrongFileError(`Line ${number} is not a line of a Majlis export: it is not JSON.`);
  }
  const line = lineSchema.safeParse(json);
  if (line.success) return line.data;
  const issue = line.error.issues[0];
  throw new WrongFileError(`Line ${number} is not a line of a Majlis export: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'unexpected content'}.`);
}

/**
 * Reads Majlis's own export (`npm run export`, GET /moderation/export) line by line, to move a site to another
 * installation. A thread keeps its key; a comment the key the export gives it (its import key when it came from
 * elsewhere, so the WordPress file it came from is still recognised; else `majlis:<origin>:<id>`,
 * src/exports/export-origin.ts), and its parent the same. Exports written before those keys were given name a comment
 * `majlis:<id>`. Statuses, dates, edits, deletions and languages are kept; the decision log stays in the file (its
 * moderators and ids are the other installation's): each comment's log starts with its import, as for any import.
 */
export async function* readMajlis(input: Readable): AsyncGenerator<ImportRecord> {
  let lines = 0;
  for await (const { text, number } of linesOf(input)) {
    // Tolerated, as JSON Lines readers do: a blank line (the file's last, or a Windows line end).
    if (text.trim() === '') continue;
    lines += 1;
    const line = parseLine(text, number);
    if (line.type === 'thread') {
      yield { kind: 'thread', sourceId: line.key, key: line.key, title: line.title, url: line.url, closed: line.closed, lang: line.lang, createdAt: new Date(line.createdAt) };
    } else if (line.type === 'comment') {
      const keyOf = (id: number) => `majlis:${id}`;
      yield {
        kind: 'comment',
        importKey: line.importKey ?? keyOf(line.id),
        threadSourceId: line.threadKey,
        parentImportKey: line.parentId === null ? null : (line.parentImportKey ?? keyOf(line.parentId)),
        authorName: line.authorName,
        authorEmail: line.authorEmail,
        authorUrl: line.authorUrl,
        // The export holds no address, only what was posted.
        ip: null,
        body: line.body,
        rawDate: line.createdAt,
        createdAt: new Date(line.createdAt),
        status: line.status,
        rawStatus: line.status,
        lang: line.lang,
        editedAt: line.editedAt === null ? null : new Date(line.editedAt),
        deletedAt: line.deletedAt === null ? null : new Date(line.deletedAt),
      };
    } else {
      yield { kind: 'left-out', warning: "decision-log entry left in the file: an imported comment's log starts with its import" };
    }
  }
  if (lines === 0) throw new WrongFileError('This is not a Majlis export: the file holds no line (is it empty?).');
}
