import express from 'express';
import { adminRoutes } from './admin/admin.routes.js';
import { avatarRoutes, avatarUrlFactory } from './avatars/avatar.js';
import type { CommentServiceDeps } from './comments/comment.context.js';
import { commentRoutes } from './comments/comment.routes.js';
import { flagRoutes } from './flags/flag.routes.js';
import { MemoryLiveBus } from './live/live-bus.js';
import { createLiveHub, type LiveHub } from './live/live-hub.js';
import { liveRoutes } from './live/live.routes.js';
import { reactionRoutes } from './reactions/reaction.routes.js';
import { formProblemPages } from './comments/form-pages.js';
import type { Config } from './config/config.js';
import type { Db } from './db/client.js';
import { healthRoutes } from './health/health.routes.js';
import { StorageHealth } from './db/storage-health.js';
import type { ReadinessCheck } from './health/health.schemas.js';
import { moderationRoutes } from './moderation/moderation.routes.js';
import { moderatorRoutes } from './moderators/moderator.routes.js';
import { bodyParsers, requireSupportedBody } from './http/body.js';
import { compressResponses } from './http/compression.js';
import { notFoundHandler, problemHandler } from './http/problem.js';
import { answerEarly, type App, type Preamble } from './http/early-answers.js';
import { requestContext } from './http/request-context.js';
import { requireAllowedSite } from './http/request-site.js';
import { answerPreflight, corsHeaders, securityHeaders, type TrustProxy } from './http/security.js';
import type { Logger } from './logging/logger.js';
import type { Metrics } from './metrics/metrics.js';
import { metricsRoutes } from './metrics/metrics.routes.js';
import { apiDocsRoutes } from './openapi/api-docs.routes.js';
import { documentedMethods, openApiRoutes } from './openapi/openapi.js';
import { learningRoutes } from './learning/learning.routes.js';
import { ModelService } from './learning/model.service.js';
import { PolicyService } from './settings/policy.service.js';
import { systemClock, type Clock } from './shared/clock.js';
import { clientKey } from './shared/client-network.js';
import { networkList } from './shared/networks.js';
import { MemoryRateLimiter, type RateLimiter } from './shared/rate-limiter.js';
import { MemoryThreadCache, pageCacheBytes, type ThreadReadCache } from './threads/thread-cache.js';
import { cachedReads, threadRoutes } from './threads/thread.routes.js';
import { formTicketRoutes } from './bots/form-ticket.routes.js';
import { pagesRoutes } from './pages/pages.routes.js';
import { widgetRoutes } from './widget/widget.routes.js';
import { exportRoutes } from './exports/export.routes.js';
import { notificationRoutes } from './notifications/notification.routes.js';
import { privacyRoutes } from './privacy/privacy.routes.js';
import { webhookRoutes } from './webhooks/webhook.routes.js';
import { setupRoutes } from './setup/setup.routes.js';
import { SetupToken } from './setup/setup-token.js';
import { PostsInFlight } from './bots/posts-in-flight.js';
import { MemoryReplayLedger, type ReplayLedger } from './bots/replay-ledger.js';
import { TokenVerifier } from './accounts/token-verifier.js';
import { ssoRoutes } from './accounts/sso.routes.js';
import { accountModerationRoutes } from './accounts/account-moderation.routes.js';
import { MemoryRevokedTokens, type RevokedTokens } from './shared/revoked-tokens.js';
import { oidcRoutes } from './accounts/oidc.routes.js';
import { oidcSignIn } from './accounts/oidc-setup.js';
import { renderSignInProblem } from './accounts/oidc-pages.js';

/** What the app is built from; tests pass their own database, clock and logger. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock?: Clock;
  threadCache?: ThreadReadCache;
  rateLimiter?: RateLimiter;
  /** Revoked sign-in token ids, shared through Redis when scaled out. */
  revokedTokens?: RevokedTokens;
  /** Waits before answering a failed sign-in (tests pass a no-op). */
  loginDelay?: (ms: number) => Promise<void>;
  /** Request metrics and `GET /metrics`; left out, the app neither measures nor serves them. */
  metrics?: Metrics;
  /** Dependencies `/readyz` checks besides the database, e.g. `{ redis }`. */
  readinessChecks?: Record<string, ReadinessCheck>;
  /** The first-run link's token, issued by main.ts while no moderator exists; left out, no link works. */
  setupToken?: SetupToken;
  /** Solved challenges already used; left out, an in-process ledger (one instance). */
  replayLedger?: ReplayLedger;
  /** The classifier, shared with the delivery worker that retrains it; left out, the app makes its own. */
  models?: ModelService;
  /** Live updates of this process (main.ts builds it on Redis with REDIS_URL); left out, an in-process one. */
  live?: LiveHub;
}

/**
 * Builds the app: the Express app (middleware in order, feature routers, the error handler last)
 * behind the cached reads it answers first, as a node:http request listener that can also listen.
 */
export function createApp(deps: AppDeps): App {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const revokedTokens = deps.revokedTokens ?? new MemoryRevokedTokens();
  const services: CommentServiceDeps = {
    db,
    config,
    logger,
    clock,
    policies: new PolicyService(db, clock, logger),
    models: deps.models ?? new ModelService({ db, clock, logger, config }),
    threadCache: deps.threadCache ?? new MemoryThreadCache(pageCacheBytes(config)),
    rateLimiter: deps.rateLimiter ?? new MemoryRateLimiter(),
    avatarUrlOf: avatarUrlFactory(config.SECRET, config.PUBLIC_URL),
    replayLedger: deps.replayLedger ?? new MemoryReplayLedger(() => clock.now().getTime()),
    postsInFlight: new PostsInFlight(),
    live: deps.live ?? createLiveHub(new MemoryLiveBus(), config, logger),
    tokens: new TokenVerifier(config, clock, revokedTokens),
  };

  const app = express();
  app.disable('x-powered-by');
  // Only the thread read sets an ETag, from its cached page; hashing every response would waste the hot path.
  app.set('etag', false);
  app.set('trust proxy', config.TRUST_PROXY);

  const identify = requestContext(app, logger, config.SECRET);
  const measure = deps.metrics?.instrument(app);
  const secure = securityHeaders(app.get('trust proxy fn') as TrustProxy);
  const allowOrigin = corsHeaders(config.ALLOWED_ORIGINS);
  // Every response's first headers, written by this one function whether Express answers or a cached read does (below).
  const preamble: Preamble = (req, res, head, early) => {
    identify(req, res, head, early?.started);
    measure?.(req, res, early);
    secure(req, head);
    allowOrigin(req, head);
  };
  app.use((req, res, next) => {
    preamble(req, res, res);
    next();
  });
  app.use(answerPreflight);
  // Event streams before compression: each event must leave at once, never wait in a compressor.
  app.use(liveRoutes(services.live, config));
  // Compresses what is sent whole with res.send/res.json; thread reads and bundles send bytes compressed ahead of time.
  app.use(compressResponses);
  // The hot path first: thread reads and counts need no body parsing and no other router.
  app.use(threadRoutes(services, config));
  // A write that failed for lack of space makes the instance unready until one succeeds again.
  const storage = new StorageHealth(db);
  app.use(healthRoutes(db, config.READINESS_TIMEOUT_MS, { ...deps.readinessChecks, policy: () => services.policies.readiness(), storage: () => storage.check() }));
  if (deps.metrics) app.use(metricsRoutes(deps.metrics, config.METRICS_TOKEN));
  app.use(openApiRoutes(config.PUBLIC_URL));
  app.use(apiDocsRoutes());
  app.use(avatarRoutes());

  const api = express.Router();
  // Before any body is read: a request a hostile page made a visitor's browser send is refused unread.
  api.use(requireAllowedSite({ allowedOrigins: config.ALLOWED_ORIGINS, publicUrl: config.PUBLIC_URL }));
  api.use(requireSupportedBody, ...bodyParsers(config.BODY_LIMIT_BYTES));
  api.use(commentRoutes(services));
  api.use(formTicketRoutes(services));
  api.use(flagRoutes(services));
  api.use(reactionRoutes(services));
  const clientKeyOf = (ip: string | undefined) => clientKey(config.SECRET, ip, config.RATE_LIMIT_IPV6_PREFIX);
  const auth = { db, clock: services.clock, rateLimiter: services.rateLimiter, delay: deps.loginDelay, clientKeyOf };
  api.use(moderatorRoutes(auth));
  api.use(setupRoutes({ ...auth, setupToken: deps.setupToken ?? new SetupToken() }));
  api.use(moderationRoutes({ ...services, ...auth }));
  api.use(learningRoutes({ ...services, ...auth }));
  // Integrations: admin-only webhooks, export and privacy requests; the landing pages of mail links.
  api.use(webhookRoutes({ ...auth, allowedNetworks: networkList(config.WEBHOOK_ALLOWED_NETWORKS) }));
  api.use(exportRoutes({ ...auth, secret: config.SECRET }));
  api.use(privacyRoutes({ ...services, ...auth }));
  api.use(notificationRoutes(services));
  // Readers signed in with the site's accounts (docs/sign-in.md).
  const oidc = oidcSignIn(config, clock);
  api.use(ssoRoutes(services, oidc.offered));
  api.use(oidcRoutes({ db, clock, config, logger, spentStates: revokedTokens, oidc: oidc.relyingParty }));
  api.use(accountModerationRoutes({ ...services, ...auth }));
  app.use('/api/v1', api);

  app.use(widgetRoutes());
  app.use(pagesRoutes(services, config));

  app.use(adminRoutes());

  app.use(notFoundHandler(documentedMethods()));
  const formProblem = formProblemPages(config);
  app.use(problemHandler(logger, (...args) => formProblem(...args) || renderSignInProblem(...args), (error) => storage.observe(error)));
  // A thread page, replies page or counts the cache holds is sent before any of the above (docs/decisions/0019).
  return answerEarly(app, cachedReads(services, config, app.get('query parser fn') as (raw: string) => unknown), preamble, logger);
}
