import express, { type Express } from 'express';
import { avatarRoutes, avatarUrlFactory } from './avatars/avatar.js';
import type { CommentServiceDeps } from './comments/comment.context.js';
import { commentRoutes } from './comments/comment.routes.js';
import { renderFormProblem } from './comments/form-pages.js';
import type { Config } from './config/config.js';
import type { Db } from './db/client.js';
import { healthRoutes } from './health/health.routes.js';
import { moderationRoutes } from './moderation/moderation.routes.js';
import { moderatorRoutes } from './moderators/moderator.routes.js';
import { bodyParsers, requireSupportedBody } from './http/body.js';
import { notFoundHandler, problemHandler } from './http/problem.js';
import { requestContext } from './http/request-context.js';
import { cors, securityHeaders } from './http/security.js';
import type { Logger } from './logging/logger.js';
import { openApiRoutes } from './openapi/openapi.js';
import { PolicyService } from './settings/policy.service.js';
import { systemClock, type Clock } from './shared/clock.js';
import { MemoryRateLimiter, type RateLimiter } from './shared/rate-limiter.js';
import { MemoryThreadCache, type ThreadReadCache } from './threads/thread-cache.js';
import { threadRoutes } from './threads/thread.routes.js';

/** What the app is built from; tests pass their own database, clock and logger. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock?: Clock;
  threadCache?: ThreadReadCache;
  rateLimiter?: RateLimiter;
  /** Waits before answering a failed sign-in (tests pass a no-op). */
  loginDelay?: (ms: number) => Promise<void>;
}

/** Builds the Express app: middleware in order, feature routers, the error handler last. */
export function createApp(deps: AppDeps): Express {
  const { config, db, logger } = deps;
  const services: CommentServiceDeps = {
    db,
    config,
    logger,
    clock: deps.clock ?? systemClock,
    policies: new PolicyService(db),
    threadCache: deps.threadCache ?? new MemoryThreadCache(),
    rateLimiter: deps.rateLimiter ?? new MemoryRateLimiter(),
    avatarUrlOf: avatarUrlFactory(config.SECRET, config.PUBLIC_URL),
  };

  const app = express();
  app.disable('x-powered-by');
  // Only the thread read sets an ETag, from its cached page; hashing every response would waste the hot path.
  app.set('etag', false);
  app.set('trust proxy', config.TRUST_PROXY);

  app.use(requestContext(logger));
  app.use(securityHeaders);
  app.use(cors(config.ALLOWED_ORIGINS));
  app.use(healthRoutes(db));
  app.use(openApiRoutes());
  app.use(avatarRoutes());

  const api = express.Router();
  api.use(requireSupportedBody, ...bodyParsers(config.BODY_LIMIT_BYTES));
  api.use(threadRoutes(services, config));
  api.use(commentRoutes(services));
  const auth = { db, clock: services.clock, rateLimiter: services.rateLimiter, delay: deps.loginDelay };
  api.use(moderatorRoutes(auth));
  api.use(moderationRoutes({ ...services, ...auth }));
  app.use('/api/v1', api);

  app.use(notFoundHandler);
  app.use(problemHandler(logger, renderFormProblem));
  return app;
}
