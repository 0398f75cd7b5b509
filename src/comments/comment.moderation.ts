import { historyOf } from '../authors/author.service.js';
import type { Comment, Thread } from '../db/models.js';
import type { BotSignals } from '../pipeline/bot-signals.js';
import { moderate, type ModerationInput, type ModerationResult, type Reason } from '../pipeline/pipeline.js';
import { moderationRules } from '../pipeline/rules/index.js';
import type { ActivePolicy } from '../settings/policy.service.js';
import type { CommentServiceDeps } from './comment.context.js';
import type { RecentPosts } from './comment.repository.js';

/** What the pipeline judges: the text and who wrote it. */
export interface Submission {
  body: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  authorKey: string;
  knownAuthor: boolean;
}

/** A pipeline's verdict, and the same run again over other recent posts (pure, no I/O). */
export interface PipelineRun {
  result: ModerationResult;
  withRecent(recent: RecentPosts): ModerationResult;
}

/** Gathers author history once, then runs the pure rules over the submission under the policy the caller read. */
export async function runPipeline(
  deps: CommentServiceDeps,
  submission: Submission,
  context: { thread: Thread | null; recent: RecentPosts; isEdit: boolean; bot: BotSignals | null; active: ActivePolicy },
): Promise<PipelineRun> {
  const { active } = context;
  const [{ status, approvedCount }, classifier] = await Promise.all([historyOf(deps.db, submission.authorKey, submission.authorEmail), deps.models.forPipeline()]);
  const input: ModerationInput = {
    comment: submission,
    author: { status, approvedCount, known: submission.knownAuthor },
    thread: { closed: context.thread?.closed ?? false, createdAt: context.thread?.createdAt ?? null },
    recent: context.recent,
    policy: active.policy,
    words: active.words,
    now: deps.clock.now(),
    isEdit: context.isEdit,
    classifier,
    bot: context.bot,
  };
  return { result: moderate(moderationRules, input), withRecent: (recent) => moderate(moderationRules, { ...input, recent }) };
}

/**
 * A moderator's own reply from the dashboard is published as written: the people who judge comments
 * are not judged by the rules. Its reason says so, for the log and the queue.
 */
export const STAFF_REPLY_VERDICT: ModerationResult = {
  outcome: 'decided',
  status: 'approved',
  reasons: [{ rule: 'staff', vote: 'approve', detail: 'Written by a moderator from the dashboard.', explain: { key: 'staff.reply' } }],
};

/** Spam is told to its poster as pending, so spammers learn nothing. */
export function publicStatusOf(status: Comment['status']): 'approved' | 'pending' | 'rejected' {
  if (status === 'approved' || status === 'rejected') return status;
  return 'pending';
}

/** The words that got a comment rejected, as the reader wrote them, for the plain-words message. */
export function rejectionWords(reasons: readonly Reason[]): string[] {
  const words = reasons.filter((r) => r.vote === 'reject').flatMap((r) => r.hits?.map((hit) => hit.matched) ?? []);
  return [...new Set(words)];
}
