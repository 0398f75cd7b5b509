import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import type { ModelService } from '../learning/model.service.js';
import type { LiveHub } from '../live/live-hub.js';
import type { Logger } from '../logging/logger.js';
import type { PolicyService } from '../settings/policy.service.js';
import type { Clock } from '../shared/clock.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import type { ThreadReadCache } from '../threads/thread-cache.js';
import type { AvatarUrlOf } from '../threads/public-comment.presenter.js';
import type { PostsInFlight } from '../bots/posts-in-flight.js';
import type { ReplayLedger } from '../bots/replay-ledger.js';
import type { TokenVerifier } from '../accounts/token-verifier.js';

/** What the comment services need from the outside world. */
export interface CommentServiceDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  policies: PolicyService;
  models: ModelService;
  threadCache: ThreadReadCache;
  rateLimiter: RateLimiter;
  avatarUrlOf: AvatarUrlOf;
  /** Solved challenges already used, shared through Redis when scaled out. */
  replayLedger: ReplayLedger;
  /** This process's posts not yet stored, which a post's bot signals add to what they read of the stored ones. */
  postsInFlight: PostsInFlight;
  /** The live streams of every instance, told of each change readers see. */
  live: LiveHub;
  /** Verifies sign-in tokens (src/accounts). */
  tokens: TokenVerifier;
}
