import type { z } from 'zod';
import type { flagCommentSchema } from '../comments/comment.schemas.js';
import { applyTransition, type TransitionDeps } from '../comments/comment-transition.js';
import { findPublicComment } from '../comments/comment.service.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/unit-of-work.js';
import type { PolicyService } from '../settings/policy.service.js';
import type { Clock } from '../shared/clock.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import { keyedHash } from '../shared/crypto.js';
import { clientNetwork } from '../shared/client-network.js';
import { incrementFlagCount, insertFlag, lastCountedFlagAt, lockFlagCount } from './flag.repository.js';
import { isBannedAccount, type ReaderDeps, type SignedInReader } from '../accounts/signed-in-reader.js';

/** What counting reader flags needs. */
export interface FlagDeps extends TransitionDeps, ReaderDeps {
  db: Db;
  config: Config;
  clock: Clock;
  policies: PolicyService;
  rateLimiter: RateLimiter;
}

/**
 * Flags that arrive within this many seconds of the last counted one count once: a hostile page that
 * many visitors open, or a group told to "report this", moves a comment by one flag, not by all of them.
 * Every flag is still stored, so moderators see them.
 */
const FLAG_BURST_SECONDS = 300;

/**
 * Records a reader's report. Only the first flag of each reader counts, a reader being their account
 * when signed in, else a network (an IPv4 address or an IPv6 /64, keyed-hashed), and a burst of flags counts once; at the policy's
 * threshold the comment leaves the public thread for the moderation queue.
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
  const readerKey = keyedHash(deps.config.SECRET, 'flag', who.reader ? who.reader.authorKey : (clientNetwork(who.ip, deps.config.RATE_LIMIT_IPV6_PREFIX) ?? 'unknown'));
  // A banned account's report is kept for the moderators but moves nothing: a ban takes its say in the thread.
  const banned = who.reader !== null && (await isBannedAccount(deps.db, who.reader.accountId));
  // The unique (comment, reader) index settles two flags of one reader; the row lock orders a burst.
  await inTransaction(deps.db, async (unit) => {
    await lockFlagCount(unit.tx, id);
    const last = await lastCountedFlagAt(unit.tx, id);
    const counted = !banned && (last === null || now.getTime() - last.getTime() >= FLAG_BURST_SECONDS * 1000);
    if (!(await insertFlag(unit.tx, { commentId: id, readerKey, reason: input.reason, note: input.note ?? null, counted, createdAt: now }))) return;
    if (!counted) return;
    const flags = await incrementFlagCount(unit.tx, id);
    if (flags < policy.flagThreshold) return;
    // Already flagged by an earlier reader, or decided by a moderator meanwhile: nothing more to do.
    await applyTransition(unit, deps, { commentId: id, change: { kind: 'status', to: 'flagged' }, expectedStatus: 'approved', actor: 'flags', note: `${flags} reader flags` }, now);
  });
}
