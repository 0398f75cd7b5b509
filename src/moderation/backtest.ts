import type { Db } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { moderate, type ClassifierInput, type ModerationInput } from '../pipeline/pipeline.js';
import type { ActivePolicy } from '../settings/policy.service.js';
import { findCommentsPostedSince, type ReplayedComment } from './moderation.repository.js';
import { toReasonView } from './moderation.presenter.js';
import type { BacktestReport } from './moderation.schemas.js';
import { moderationRules } from '../pipeline/rules/index.js';
import { storedSignals } from '../pipeline/bot-signals.js';
import { nextTurn, shareTurn } from '../shared/next-turn.js';

const EXAMPLES_PER_TRANSITION = 5;
const MAX_COMMENTS = 20_000;
/** How many comments one read of the replay takes: a few milliseconds of work, and a reader waits for one read at most. */
const PAGE_SIZE = 200;

/**
 * The comments posted since `since`, newest first, up to MAX_COMMENTS: read a page at a time from the
 * index on their time, with a turn of the event loop between pages, so a long preview stalls no reader.
 */
async function commentsSince(db: Db, since: Date) {
  const comments: ReplayedComment[] = [];
  let last: { createdAt: Date; id: number } | null = null;
  while (comments.length < MAX_COMMENTS) {
    const wanted = Math.min(PAGE_SIZE, MAX_COMMENTS - comments.length);
    const page = await findCommentsPostedSince(db, since, last, wanted);
    comments.push(...page);
    last = page.at(-1) ?? null;
    if (page.length < wanted || !last) break;
    await nextTurn();
  }
  return comments;
}

/**
 * Replays the pipeline over the comments of the last `days` days under both policies and counts
 * which would land in another status. Nothing is written. Flood, duplicate and closed threads are
 * left out (they concern the moment of posting, not the policy); posts each policy would have refused
 * for want of a proof of work are counted, from the signals stored with them.
 */
export async function backtestPolicy(
  deps: { db: Db; clock: Clock },
  policies: { current: ActivePolicy; proposed: ActivePolicy },
  days: number,
  classifier: ClassifierInput | null,
): Promise<Omit<BacktestReport, 'classifier'>> {
  const { current, proposed } = policies;
  const now = deps.clock.now();
  const comments = await commentsSince(deps.db, new Date(now.getTime() - days * 86_400_000));
  const approvedByAuthor = new Map<string, number>();
  for (const comment of comments) {
    if (comment.status === 'approved') approvedByAuthor.set(comment.authorKey, (approvedByAuthor.get(comment.authorKey) ?? 0) + 1);
  }
  const transitions = new Map<string, BacktestReport['transitions'][number]>();
  let changed = 0;
  const refused = { current: 0, proposed: 0 };
  for (const comment of comments) {
    await shareTurn();
    const base: Omit<ModerationInput, 'policy' | 'words'> = {
      comment: { body: comment.body, authorName: comment.authorName, authorEmail: comment.authorEmail, authorUrl: comment.authorUrl },
      author: {
        status: comment.author.status,
        // The author's other approved comments, as the pipeline would have counted them.
        approvedCount: (approvedByAuthor.get(comment.authorKey) ?? 0) - (comment.status === 'approved' ? 1 : 0),
        known: comment.knownAuthor,
      },
      thread: { closed: false, createdAt: null },
      recent: { lastPostAt: null, duplicate: false },
      now: comment.createdAt,
      isEdit: false,
      classifier,
      bot: storedSignals(comment.signals),
    };
    const before = moderate(moderationRules, { ...base, ...current });
    const after = moderate(moderationRules, { ...base, ...proposed });
    if (before.outcome === 'refused') refused.current += 1;
    if (after.outcome === 'refused') refused.proposed += 1;
    if (before.outcome !== 'decided' || after.outcome !== 'decided' || before.status === after.status) continue;
    changed += 1;
    const key = `${before.status}>${after.status}`;
    const entry = transitions.get(key) ?? { from: before.status, to: after.status, count: 0, examples: [] };
    entry.count += 1;
    if (entry.examples.length < EXAMPLES_PER_TRANSITION) {
      entry.examples.push({ id: comment.id, body: comment.body.slice(0, 280), reasons: after.reasons.map(toReasonView) });
    }
    transitions.set(key, entry);
  }
  return { days, compared: comments.length, changed, refused, transitions: [...transitions.values()].sort((a, b) => b.count - a.count) };
}
