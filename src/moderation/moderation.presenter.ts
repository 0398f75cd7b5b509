import type { AvatarUrlOf } from '../threads/public-comment.presenter.js';
import { toPublicComment } from '../threads/public-comment.presenter.js';
import { storedReasons, type Reason } from '../pipeline/pipeline.js';
import type { QueueRow } from './moderation.repository.js';
import { isModeratorsStatus } from '../comments/standing-decision.js';
import type { QueueItem, ReasonView } from './moderation.schemas.js';

/** A rule's vote as moderators see it (a queue item's, a preview example's): its English detail and the key the dashboard translates. */
export function toReasonView(reason: Reason): ReasonView {
  return {
    rule: reason.rule,
    vote: reason.vote,
    detail: reason.detail,
    ...(reason.explain ? { explain: reason.explain } : {}),
    ...(reason.hits ? { hits: reason.hits } : {}),
    ...(reason.score !== undefined ? { score: reason.score, label: reason.label, modelVersion: reason.modelVersion, features: reason.features } : {}),
  };
}

/** A queue item of SPEC section 4: the comment with what only moderators may see. */
export function toQueueItem(row: QueueRow, avatarUrlOf: AvatarUrlOf): QueueItem {
  return {
    ...toPublicComment(row, avatarUrlOf),
    authorEmail: row.authorEmail,
    knownAuthor: row.knownAuthor,
    // A plain string column written only from the fixed list in comments/poster.ts.
    identifiedBy: row.identifiedBy as QueueItem['identifiedBy'],
    accountId: row.accountId,
    status: row.status,
    riskScore: row.riskScore,
    decidedByModerator: isModeratorsStatus(row.decisions[0] ?? null, row),
    hiddenByAncestor: row.hiddenByAncestor,
    reasons: storedReasons(row.reasons).map(toReasonView),
    flags: row.flags.map((flag) => ({ reason: flag.reason, note: flag.note, createdAt: flag.createdAt.toISOString() })),
    flagCount: row.flagCount,
    thread: { key: row.thread.key, title: row.thread.title, url: row.thread.url },
    updatedAt: row.updatedAt.toISOString(),
  };
}
