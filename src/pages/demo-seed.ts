import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import { LANGUAGES, type Lang } from '../i18n/i18n.js';
import { importRecords } from '../imports/import.service.js';
import type { ImportRecord } from '../imports/import.types.js';
import type { Clock } from '../shared/clock.js';
import type { ThreadReadCache } from '../threads/thread-cache.js';
import { threadExists } from '../threads/thread.service.js';
import { threadPagesChanged } from '../threads/thread-updates.service.js';
import { DEMO_ARTICLES } from './demo-article.js';
import { DEMO_COMMENTS } from './demo-comments.js';

/** What seeding the demo threads needs. */
export interface DemoSeedDeps {
  db: Db;
  config: Pick<Config, 'NODE_ENV' | 'SECRET'>;
  clock: Clock;
  threadCache: ThreadReadCache;
}

function recordsOf(lang: Lang, now: Date): ImportRecord[] {
  const { threadKey, title } = DEMO_ARTICLES[lang];
  const importKey = (id: string) => `demo:${id}`;
  // The article appeared just before its first comment.
  const publishedAt = new Date(now.getTime() - (Math.max(...DEMO_COMMENTS[lang].map((comment) => comment.minutesAgo)) + 30) * 60_000);
  return [
    { kind: 'thread', sourceId: threadKey, key: threadKey, title, url: null, closed: false, createdAt: publishedAt },
    ...DEMO_COMMENTS[lang].map((comment): ImportRecord => {
      const createdAt = new Date(now.getTime() - comment.minutesAgo * 60_000);
      return {
        kind: 'comment',
        importKey: importKey(comment.id),
        threadSourceId: threadKey,
        parentImportKey: comment.replyTo ? importKey(comment.replyTo) : null,
        authorName: comment.authorName,
        authorEmail: comment.authorEmail,
        authorUrl: comment.authorUrl ?? null,
        ip: null,
        body: comment.body,
        rawDate: createdAt.toISOString(),
        createdAt,
        status: 'approved',
        rawStatus: 'approved',
      };
    }),
  ];
}

async function* each<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

/**
 * Starts each demo thread with a short approved conversation, never in production. A thread is
 * seeded only while it does not exist: restarting adds nothing, and demo comments a newsroom deleted
 * stay deleted. Goes through the importer, so the comments get authors, avatars and a decision-log
 * entry like any imported comment. Returns the keys of the threads it seeded.
 */
export async function seedDemoThreads(deps: DemoSeedDeps): Promise<string[]> {
  if (deps.config.NODE_ENV === 'production') return [];
  const seeded: string[] = [];
  for (const lang of LANGUAGES) {
    const { threadKey } = DEMO_ARTICLES[lang];
    if (await threadExists(deps, threadKey)) continue;
    const importer = { db: deps.db, secret: deps.config.SECRET, clock: deps.clock };
    await importRecords(importer, 'the Majlis demo', each(recordsOf(lang, deps.clock.now())), { threadLang: lang, actor: 'demo' });
    await threadPagesChanged(deps, threadKey);
    seeded.push(threadKey);
  }
  return seeded;
}
