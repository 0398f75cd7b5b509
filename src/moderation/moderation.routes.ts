import { Router } from 'express';
import type { z } from 'zod';
import { setAuthorStatus } from '../authors/author.service.js';
import { requireModerator } from '../moderators/moderator.guard.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../http/validate.js';
import { idParamsSchema } from '../shared/json-schemas.js';
import type { AuthDeps } from '../moderators/auth.service.js';
import {
  authorStatusSchema,
  batchParamsSchema,
  bulkDecisionSchema,
  decisionSchema,
  featureSchema,
  logQuerySchema,
  previewSchema,
  queueQuerySchema,
  threadKeyParamsSchema,
  threadPatchSchema,
  type authorStatusResultSchema,
  type policyStatusSchema,
  type queueCountsSchema,
  type threadClosedResultSchema,
} from './moderation.schemas.js';
import { decideComment, decideInBulk, decisionLog, featureComment, getQueueItem, listQueue, queueCounts, undoBatch, type ModerationDeps } from './moderation.service.js';
import { previewPolicy, savePolicy, type PolicyAdminDeps } from './policy-admin.service.js';
import { savedPolicySchema } from '../settings/policy.js';
import { moderateThread } from '../threads/thread-updates.service.js';
import { campaignQuerySchema } from '../bots/campaign.schemas.js';
import { listCampaigns } from '../bots/campaigns.service.js';
import type { CommentServiceDeps } from '../comments/comment.context.js';
import { staffReplySchema } from '../comments/comment.schemas.js';
import { replyAsStaff } from '../comments/staff-reply.service.js';

const BAD_BODY = { code: 'validation_failed', message: 'title.invalidInput' } as const;
const BAD_QUERY = { code: 'malformed_request', message: 'query.invalid' } as const;
const NOT_FOUND = { code: 'not_found', message: 'request.notFound' } as const;

/** The moderator API of SPEC section 4. Every route needs a session; changing the policy needs an admin. */
export function moderationRoutes(deps: ModerationDeps & AuthDeps & PolicyAdminDeps & CommentServiceDeps): Router {
  const router = Router();
  const anyModerator = requireModerator(deps);
  const adminOnly = requireModerator(deps, ['admin']);
  const moderatorOf = (req: { moderator?: { id: number; email: string } }) => {
    if (!req.moderator) throw new AppError('unauthorized', 'auth.required');
    return req.moderator;
  };

  router.get('/moderation/comments', anyModerator, async (req, res) => {
    const query = parseInput(queueQuerySchema, req.query, BAD_QUERY);
    res.set('Cache-Control', 'no-store').json(await listQueue(deps, query));
  });

  router.get('/moderation/comments/:id', anyModerator, async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, NOT_FOUND);
    res.set('Cache-Control', 'no-store').json(await getQueueItem(deps, id));
  });

  router.get('/moderation/counts', anyModerator, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ counts: await queueCounts(deps) } satisfies z.infer<typeof queueCountsSchema>);
  });

  router.post('/moderation/comments/:id/decision', anyModerator, async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, NOT_FOUND);
    const input = parseInput(decisionSchema, req.body, BAD_BODY);
    res.json(await decideComment(deps, id, input, moderatorOf(req)));
  });

  router.post('/moderation/comments/:id/feature', anyModerator, async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, NOT_FOUND);
    const input = parseInput(featureSchema, req.body, BAD_BODY);
    res.json(await featureComment(deps, id, input, moderatorOf(req)));
  });

  router.post('/moderation/comments/:id/reply', anyModerator, async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, NOT_FOUND);
    const input = parseInput(staffReplySchema, req.body, BAD_BODY);
    const meta = { ip: req.ip, userAgent: req.get('user-agent'), requestOrigin: null, via: 'api' as const };
    const created = await replyAsStaff(deps, id, input, moderatorOf(req), meta);
    res.status(201).set('Cache-Control', 'no-store').json(await getQueueItem(deps, created.comment.id));
  });

  router.post('/moderation/decisions', anyModerator, async (req, res) => {
    const input = parseInput(bulkDecisionSchema, req.body, BAD_BODY);
    res.json(await decideInBulk(deps, input, moderatorOf(req)));
  });

  router.post('/moderation/decisions/:batchId/undo', anyModerator, async (req, res) => {
    const { batchId } = parseInput(batchParamsSchema, req.params, NOT_FOUND);
    res.json(await undoBatch(deps, batchId, moderatorOf(req)));
  });

  router.get('/moderation/campaigns', anyModerator, async (req, res) => {
    const query = parseInput(campaignQuerySchema, req.query, BAD_QUERY);
    res.set('Cache-Control', 'no-store').json(await listCampaigns(deps, query));
  });

  router.get('/moderation/log', anyModerator, async (req, res) => {
    const query = parseInput(logQuerySchema, req.query, BAD_QUERY);
    res.set('Cache-Control', 'no-store').json(await decisionLog(deps, query));
  });

  router.get('/moderation/settings', anyModerator, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json((await deps.policies.active()).policy);
  });

  router.get('/moderation/settings/status', anyModerator, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json((await deps.policies.status()) satisfies z.infer<typeof policyStatusSchema>);
  });

  router.put('/moderation/settings', adminOnly, async (req, res) => {
    const policy = parseInput(savedPolicySchema, req.body, BAD_BODY);
    res.json(await savePolicy(deps, policy, moderatorOf(req).id));
  });

  router.post('/moderation/settings/preview', adminOnly, async (req, res) => {
    const input = parseInput(previewSchema, req.body, BAD_BODY);
    // Checked whole, as saving it would be: a preview of a policy that cannot be saved would show what can never happen.
    parseInput(savedPolicySchema, { ...(await deps.policies.active()).policy, ...input.policy }, BAD_BODY);
    res.json(await previewPolicy(deps, input.policy, input));
  });

  router.put('/moderation/authors/:email', anyModerator, async (req, res) => {
    const { status } = parseInput(authorStatusSchema, req.body, BAD_BODY);
    const author = await setAuthorStatus(deps, String(req.params.email ?? '').trim(), status, deps.clock.now());
    res.json({ author: { email: author.emailKey, status: author.status } } satisfies z.infer<typeof authorStatusResultSchema>);
  });

  router.patch('/moderation/threads/:threadKey', anyModerator, async (req, res) => {
    const { threadKey } = parseInput(threadKeyParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    const change = parseInput(threadPatchSchema, req.body, BAD_BODY);
    const thread = await moderateThread(deps, threadKey, change, deps.clock.now());
    res.json({ thread: { key: thread.key, title: thread.title, url: thread.url, closed: thread.closed } } satisfies z.infer<typeof threadClosedResultSchema>);
  });

  return router;
}
