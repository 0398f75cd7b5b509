import { api, type LogEntry } from './api.js';
import { button, h, replace } from './dom.js';
import { report } from './errors.js';
import { t, when } from './i18n.js';
import type { MessageKey } from './messages.js';

function statusName(status: string | null): string {
  if (status === null) return t('log.new');
  return ['pending', 'flagged', 'approved', 'rejected', 'spam'].includes(status) ? t(`status.${status}` as MessageKey) : status;
}

/**
 * The notes Majlis itself writes into the log (stored in English, as the record was written), in the moderator's
 * language. Only notes by the system's own actors, and the undo note a moderator's undo carries, are read this way:
 * a note a moderator typed is shown as typed.
 */
const SYSTEM_NOTES: ReadonlyArray<[actors: readonly string[], pattern: RegExp, say: (match: RegExpExecArray) => string]> = [
  [['moderator'], /^undo of batch ([0-9a-f-]{36})$/, (match) => t('log.note.undo', { batch: match[1]!.slice(0, 8) })],
  [['flags'], /^(\d+) reader flags$/, (match) => t('log.note.flags', { count: match[1]! })],
  [['author'], /^deleted by author$/, () => t('log.note.deleted')],
  [['pipeline'], /^edited by author$/, () => t('log.note.edited')],
  [['privacy'], /^erased on request$/, () => t('log.note.erased')],
  [['privacy'], /^author anonymised on request$/, () => t('log.note.anonymised')],
  [['import', 'demo'], /^imported from (.+)$/, (match) => t('log.note.imported', { source: match[1]! })],
];

function noteOf(entry: LogEntry): string {
  const note = entry.note ?? '';
  for (const [actors, pattern, say] of SYSTEM_NOTES) {
    const match = actors.includes(entry.actor) ? pattern.exec(note) : null;
    if (match) return say(match);
  }
  return note;
}

const HEADERS: MessageKey[] = ['log.when', 'log.comment', 'log.thread', 'log.who', 'log.change', 'log.note'];

/** A cell with its column's name, which a phone shows before it (the roles keep the table a table when CSS draws cards). */
function cell(column: number, attributes: Record<string, string>, ...children: Array<Node | string>): HTMLTableCellElement {
  return h('td', { role: 'cell', 'data-label': t(HEADERS[column] as MessageKey), ...attributes }, ...children);
}

/** A status change, or a moderator's confirmation of the status the comment had. */
function changeOf(entry: LogEntry): string {
  if (entry.action === 'confirm') return t('log.confirmed', { status: statusName(entry.toStatus) });
  return t('log.fromTo', { from: statusName(entry.fromStatus), to: statusName(entry.toStatus) });
}

function row(entry: LogEntry): HTMLTableRowElement {
  const note = noteOf(entry);
  return h(
    'tr',
    { role: 'row', class: entry.undoneAt ? 'undone' : undefined },
    cell(0, {}, h('time', { datetime: entry.createdAt }, when(entry.createdAt))),
    cell(1, {}, String(entry.commentId)),
    // The thread key is an identifier: left to right, isolated, whatever the page's direction.
    cell(2, {}, h('bdi', { dir: 'ltr' }, entry.threadKey)),
    cell(3, {}, entry.moderator ? h('bdi', {}, entry.moderator.email) : t('log.pipeline')),
    cell(4, {}, changeOf(entry), entry.undoneAt ? ` (${t('log.undone')})` : ''),
    // A note keeps its own direction inside the cell, which keeps the page's (and so its label's place); none, no line on a phone.
    note ? cell(5, {}, h('bdi', {}, note)) : cell(5, { class: 'empty' }),
  );
}

/** Draws the decision log, newest first, with "load more". */
export async function renderLog(main: HTMLElement): Promise<void> {
  const body = h('tbody', { role: 'rowgroup' });
  let cursor: string | null = null;
  const more = button(t('queue.loadMore'), () => next(), { class: 'more', hidden: true });
  async function next(): Promise<void> {
    try {
      const page = await api.log(cursor);
      body.append(...page.items.map(row));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
    } catch (error) {
      report(error);
    }
  }
  replace(
    main,
    h('h1', { id: 'log-heading' }, t('log.heading')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'log', role: 'table', 'aria-labelledby': 'log-heading' },
        h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, ...HEADERS.map((key) => h('th', { scope: 'col', role: 'columnheader' }, t(key))))),
        body,
      ),
    ),
    more,
  );
  await next();
}
