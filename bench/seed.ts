// The thread every bench reads: 50 approved comments in 20 conversations, and a policy that lets bench posts straight through.
import type { Db } from '../src/db/client.js';
import { writeSetting } from '../src/settings/settings.repository.js';
import { systemClock } from '../src/shared/clock.js';

/** The key of the seeded thread. */
export const BENCH_THREAD = 'bench-thread';

/** The policy bench posts are judged by: no premoderation, no flood interval, no proof of work. */
export const BENCH_POLICY = { premoderation: 'none', floodIntervalSeconds: 0, challengeWhen: [] };

/** Seeds the bench thread and an open policy (no premoderation, no flood interval) into a fresh database. */
export async function seedBenchThread(db: Db, now: Date = systemClock.now()): Promise<void> {
  const thread = await db.thread.create({ data: { key: BENCH_THREAD, title: 'Bench article', url: 'https://news.example/bench', createdAt: now } });
  await db.author.create({ data: { emailKey: 'bench@example.org', createdAt: now } });
  let topId = 0;
  for (let i = 0; i < 50; i += 1) {
    const isTop = i % 5 < 2;
    const row = await db.comment.create({
      data: {
        threadId: thread.id,
        parentId: isTop ? null : topId,
        rootId: isTop ? null : topId,
        depth: isTop ? 0 : 1,
        body: `تعليق رقم ${i} على المقال، with some English too. `.repeat(4),
        authorName: `قارئ ${i}`,
        authorEmail: 'bench@example.org',
        authorKey: 'bench@example.org',
        status: 'approved',
        reasons: [],
        bodyHash: `h${i}`,
        editTokenHash: `t${i}`,
        createdAt: now,
        updatedAt: now,
      },
    });
    if (isTop) topId = row.id;
  }
  // Bench posts all come from one address, as fast as the server takes them: the bot defences would ask
  // them for proof of work (a burst from one range, a thread under attack). Their signals are still gathered.
  await writeSetting(db, 'moderation.policy', BENCH_POLICY, null, now);
}

let sequence = 0;

// Words of ordinary news comments; each bench post draws its own sentences from them, so posts differ
// as readers' comments do and near-duplicate (campaign) detection has nothing to cluster. The vocabulary is
// large enough that two posts share a near-duplicate band about as often as real comments do: 16.6 band hits
// per 1,000 earlier posts, against 10.7 in English comments (OLID), 2.2–5.2 in Arabic ones (OSACT 2022, MLMA),
// measured with src/bots/minhash.ts on ../shared/corpora. With the first 70 words alone it was 74: every post
// fetched and compared about 40 unrelated candidates, which real posts do not (docs/decisions/0022).
const WORDS = (
  'the minister said budget council river harbour school hospital road election vote tax price bread fuel water power ' +
  'court judge report police street market farmer village city border trade port train bus doctor nurse teacher pupil ' +
  'rain summer winter flood bridge museum library stadium match coach player season league mayor street lamp park ' +
  'plan promise answer question truth story reporter article photo figure number percent million year week month today ' +
  'government parliament opposition coalition president ministry spokesman official statement agreement ' +
  'negotiation ceasefire protest strike union workers salary pension inflation interest bank currency export import ' +
  'factory company shares investor property housing rent landlord tenant electricity shortage drought harvest wheat olive ' +
  'fishing weather storm forecast temperature heatwave flooding earthquake rescue volunteer hospital patient vaccine clinic ' +
  'university student exam graduate research scientist discovery technology internet phone network privacy security army ' +
  'soldier officer prison lawyer trial verdict appeal sentence evidence witness crime robbery accident traffic highway airport ' +
  'flight passenger tourism hotel festival concert theatre cinema novel author poet painter exhibition heritage mosque church ' +
  'neighbourhood district province capital region desert coast island mountain valley canal pollution plastic recycling climate ' +
  'energy solar wind nuclear oil gas pipeline refinery budget deficit debt loan subsidy reform corruption scandal resignation ' +
  'interview debate campaign candidate ballot turnout result victory defeat referendum constitution court ruling decree ' +
  'family children parents youth elderly women community charity mosque ramadan holiday weekend evening morning yesterday ' +
  'tomorrow decision problem solution reason example opinion comment readers honestly really actually clearly simply agree ' +
  'disagree believe think wonder hope worry blame support oppose welcome criticise demand expect remember forget explain'
).split(' ');

function sentence(length: number): string {
  return Array.from({ length }, () => WORDS[Math.floor(Math.random() * WORDS.length)]).join(' ');
}

/** A post body no earlier bench post has used (so duplicate and near-duplicate detection never hold it). */
export function benchPostBody(): string {
  sequence += 1;
  return JSON.stringify({
    body: `${sentence(8)}, ${sentence(8)} (${sequence}).`,
    authorName: `Bench ${sequence}`,
    authorEmail: `bench${sequence}-${process.pid}@example.org`,
  });
}
