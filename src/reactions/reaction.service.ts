import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/unit-of-work.js';
import { isUniqueViolation } from '../db/models.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { reactionsChanged, type ReaderUpdateDeps } from '../threads/thread-updates.service.js';
import { isBannedAccount } from '../accounts/signed-in-reader.js';
import { readerKeyOf, type ReaderClaims } from './reader-identity.js';
import type { ReactionResult } from './reaction.schemas.js';
import { deleteReaction, deleteReactionsOf, findReactableComment, hasReaction, insertReaction } from './reaction.repository.js';

/** What reacting needs. */
export interface ReactionDeps extends ReaderUpdateDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

/** What the reader asks for: react, take it back, or (a form button that cannot know) the opposite of now. */
export type ReactionWish = 'react' | 'unreact' | 'toggle';

/**
 * Sets one reader's reaction to a public comment. Each reader counts once (reader-identity.ts);
 * reacting twice or taking back what was never given changes nothing. The route counts the
 * request against the client's one write budget (src/http/write-limit.ts) first. Open streams get the new
 * count at once; cached pages of the thread follow within REACTION_REFRESH_SECONDS.
 */
export async function setReaction(deps: ReactionDeps, commentId: number, claims: ReaderClaims, wish: ReactionWish): Promise<ReactionResult & { threadKey: string }> {
  const now = deps.clock.now();
  const comment = await findReactableComment(deps.db, commentId);
  if (!comment) throw new AppError('not_found', 'comment.notFound');
  // A ban holds for the identity Majlis knows: a banned account's reactions would still rank comments (sort=best).
  if (claims.accountId !== undefined && (await isBannedAccount(deps.db, claims.accountId))) throw new AppError('forbidden', 'reaction.banned');
  const readerKey = readerKeyOf(deps.config.SECRET, claims);

  const apply = () =>
    inTransaction(deps.db, async ({ tx }) => {
      const already = await hasReaction(tx, commentId, readerKey);
      const react = wish === 'toggle' ? !already : wish === 'react';
      if (react === already) return { reactions: null, reacted: already };
      const reactions = react
        ? await insertReaction(tx, { commentId, threadId: comment.threadId, readerKey, createdAt: now })
        : await deleteReaction(tx, commentId, readerKey);
      return { reactions, reacted: react };
    });
  // Two taps racing from one reader: the loser's insert hits the unique index and finds the reaction on retry.
  const outcome = await apply().catch((error: unknown) => (isUniqueViolation(error) ? apply() : Promise.reject(error)));
  if (outcome.reactions === null) {
    const current = await findReactableComment(deps.db, commentId);
    return { reactions: current?.reactionCount ?? comment.reactionCount, reacted: outcome.reacted, threadKey: comment.thread.key };
  }
  const event = { type: 'reactions', data: { id: commentId, reactions: outcome.reactions } } as const;
  await reactionsChanged(deps, comment.thread.key, event, deps.config.REACTION_REFRESH_SECONDS);
  return { reactions: outcome.reactions, reacted: outcome.reacted, threadKey: comment.thread.key };
}

/** Takes back every reaction of a signed-in account, as it is banned: counts fall at once for open streams, cached pages follow. */
export async function withdrawAccountReactions(deps: ReactionDeps, accountId: number): Promise<void> {
  const readerKey = readerKeyOf(deps.config.SECRET, { accountId });
  const changed = await inTransaction(deps.db, ({ tx }) => deleteReactionsOf(tx, readerKey));
  for (const comment of changed) {
    await reactionsChanged(deps, comment.threadKey, { type: 'reactions', data: { id: comment.id, reactions: comment.reactionCount } }, deps.config.REACTION_REFRESH_SECONDS);
  }
}
