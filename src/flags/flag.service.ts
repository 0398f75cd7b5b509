import type { z } from 'zod';
import type { flagCommentSchema } from '../comments/comment.schemas.js';
import { applyTransition, type TransitionDeps } from '../comments/comment-transition.js';
import { findPublicComment } from '../comments/comment.service.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/unit-of-work.js';
import type { PolicyService } from '../settings/policy.service.js';
import type { Clock } from '../shared/clock.js';
import { keyedHash } from '../shared/crypto.js';
import { incrementFlagCount, insertFlag } from './flag.repository.js';
import type { ReaderDeps, SignedInReader } from '../accounts/signed-in-reader.js';

/** What counting reader flags needs. */
export interface FlagDeps extends TransitionDeps, ReaderDeps {
  db: Db;
  config: Config;
  clock: Clock;
  policies: PolicyService;
}

/**
 * Records a reader's report. Only the first flag of each reader (their account when signed in, else
 * a keyed IP hash) counts; at the
 * policy's threshold the comment leaves the public thread for the moderation queue.
 */
export async function flagComment(
  deps: FlagDeps,
  id: number,
  input: z.infer<typeof flagCommentSchema>,
  who: { reader: SignedInReader | null; ip: string | undefined },
): Promise<void> {
  await findPublicComment(deps.db, id);
  const now = deps.clock.now();
  const { policy } = await deps.policies.active();
  const readerKey = keyedHash(deps.config.SECRET, 'flag', who.reader ? who.reader.authorKey : (who.ip ?? 'unknown'));
  // ReadCommitted is enough: the unique (comment, reader) index settles races between two flags.
  await inTransaction(deps.db, async (unit) => {
    if (!(await insertFlag(unit.tx, { commentId: id, readerKey, reason: input.reason, note: input.note ?? null, createdAt: now }))) return;
    const flags = await incrementFlagCount(unit.tx, id);
    if (flags < policy.flagThreshold) return;
    // Already flagged by an earlier reader, or decided by a moderator meanwhile: nothing more to do.
    await applyTransition(unit, deps, { commentId: id, change: { kind: 'status', to: 'flagged' }, expectedStatus: 'approved', actor: 'flags', note: `${flags} reader flags` }, now);
  });
}
