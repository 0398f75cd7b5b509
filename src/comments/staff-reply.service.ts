import { findThreadById } from '../threads/thread-updates.service.js';
import { AppError } from '../shared/errors.js';
import type { CommentServiceDeps } from './comment.context.js';
import { findComment } from './comment.repository.js';
import { createComment, type CreatedComment, type RequestMeta } from './comment.service.js';
import { isSeenByReaders } from '../threads/visibility.js';

/** What a moderator writes when answering a comment from the dashboard. */
export interface StaffReplyInput {
  body: string;
  authorName: string;
  lang?: 'ar' | 'en' | undefined;
}

/**
 * A moderator answers a published comment from the dashboard: an ordinary reply in the thread (counts,
 * pages, live updates, webhooks and the parent author's reply mail all follow from createComment), under
 * the moderator's own author key and with the "staff" badge. Only a published comment (readers see it) can be answered (409).
 */
export async function replyAsStaff(
  deps: CommentServiceDeps,
  parentId: number,
  input: StaffReplyInput,
  moderator: { id: number; email: string },
  meta: RequestMeta,
): Promise<CreatedComment> {
  const parent = await findComment(deps.db, parentId);
  if (!parent || parent.deletedAt !== null) throw new AppError('not_found', 'comment.notFound');
  if (!isSeenByReaders(parent)) throw new AppError('conflict', 'staffReply.notPublished');
  const thread = await findThreadById(deps.db, parent.threadId);
  if (!thread) throw new AppError('not_found', 'comment.notFound');
  return createComment(deps, thread.key, { body: input.body, parentId, lang: input.lang }, meta, {
    staff: { moderatorId: moderator.id, name: input.authorName, email: moderator.email },
  });
}
