import {
  authorStatusResultSchema,
  authorStatusSchema,
  backtestReportSchema,
  bulkDecisionResultSchema,
  bulkDecisionSchema,
  decisionLogSchema,
  decisionSchema,
  flatPreviewSchema,
  logQuerySchema,
  previewSchema,
  queueCountsSchema,
  queueItemSchema,
  queuePageSchema,
  queueQuerySchema,
  threadClosedResultSchema,
  threadPatchSchema,
  undoResultSchema,
  policyStatusSchema,
} from '../moderation/moderation.schemas.js';
import { campaignPageSchema, campaignQuerySchema } from '../bots/campaign.schemas.js';
import { modelResponseSchema, modelStatusSchema } from '../learning/learning.schemas.js';
import { policySchema } from '../settings/policy.js';
import { threadKeySchema } from '../threads/thread.schemas.js';
import { operation, pathParameter, type OperationSpec } from './operation.js';
import { headers, json, problem } from './responses.js';
import type { JsonObject, SchemaCollector } from './schema-tools.js';

const commentId = pathParameter('id', { type: 'integer', minimum: 1 }, 'The comment id.');
const noSuchComment = problem(404, 'No comment with this id.');
const invalid = (what: string) => problem(422, `${what} is invalid; every failing field is listed in \`errors\`.`);

/** An operation of the moderator API: behind the body parsers and the auth guard. */
function moderator(spec: Omit<OperationSpec, 'tag' | 'access' | 'parsesBody'>, access: 'moderator' | 'admin' = 'moderator'): JsonObject {
  return operation({ ...spec, tag: 'Moderation', access, parsesBody: true });
}

/** The queue and decisions of SPEC section 4. */
function queuePaths(s: SchemaCollector): Record<string, JsonObject> {
  return {
    '/api/v1/moderation/comments': {
      get: moderator({
        operationId: 'listQueue',
        summary: 'The queue of one status, newest first',
        parameters: s.queryParameters(queueQuerySchema),
        responses: {
          '200': json('A page of queue items', s.output(queuePageSchema), { 'Cache-Control': headers.noStore }),
          '400': problem(400, 'A query parameter is invalid.'),
        },
      }),
    },
    '/api/v1/moderation/comments/{id}': {
      get: moderator({
        operationId: 'getQueueItem',
        summary: 'One comment as moderators see it, as it is now',
        parameters: [commentId],
        responses: { '200': json('The item', s.output(queueItemSchema), { 'Cache-Control': headers.noStore }), '404': noSuchComment },
      }),
    },
    '/api/v1/moderation/counts': {
      get: moderator({
        operationId: 'countQueue',
        summary: 'Comments per status, for the queue tabs',
        responses: { '200': json('Counts by status', s.output(queueCountsSchema), { 'Cache-Control': headers.noStore }) },
      }),
    },
    '/api/v1/moderation/comments/{id}/decision': {
      post: moderator({
        operationId: 'decideComment',
        summary: 'Approve, reject, mark as spam or return to pending',
        description:
          'With `expectedStatus`, a comment that changed meanwhile is a 409, never a silent overwrite. Without it the decision applies to the comment as it is when it is stored: of two decisions at once, the later stands, and the log shows both. A decision that leaves a decided comment in the status the rules or reader flags gave it confirms that status: it is logged (action `confirm`, from and to the same status), the classifier learns from it, and undoing an earlier batch leaves the comment alone. Confirming a moderator\'s own decision again is logged only with a note.',
        parameters: [commentId],
        requestBody: s.jsonBody(decisionSchema),
        responses: {
          '200': json('The updated item', s.output(queueItemSchema)),
          '404': noSuchComment,
          '409': problem(409, 'The comment is no longer in `expectedStatus` (someone decided first).'),
          '422': invalid('The decision'),
        },
      }),
    },
    '/api/v1/moderation/decisions': {
      post: moderator({
        operationId: 'decideInBulk',
        summary: 'One action on many comments, in one transaction',
        description:
          'With `expectedStatus` (the queue tab they were chosen in), comments another moderator decided meanwhile are left alone and listed in `skipped`; without it every comment takes the action. Two bulk decisions over the same comments at once are stored one after the other.',
        requestBody: s.jsonBody(bulkDecisionSchema),
        responses: { '200': json('How many changed, and the batch id to undo them', s.output(bulkDecisionResultSchema)), '422': invalid('The bulk decision') },
      }),
    },
    '/api/v1/moderation/decisions/{batchId}/undo': {
      post: moderator({
        operationId: 'undoBulkDecision',
        summary: 'Undo a bulk action; comments changed since are left alone and listed',
        description: 'A comment whose log has any entry after the batch\'s (another decision, confirmation or pick, readers\' flags, its author\'s deletion or an edit that sent it back to the queue), or that its author edited since, was changed since, even if it is back in the status the batch gave it: it is listed in `skipped` and left as it is. A decision made at the same moment as the undo is never overwritten either.',
        parameters: [pathParameter('batchId', { type: 'string', format: 'uuid' })],
        responses: {
          '200': json('What was restored', s.output(undoResultSchema)),
          '404': problem(404, 'No batch with this id (a bulk decision that changed nothing, `updated: 0`, leaves none to undo).'),
          '409': problem(409, 'The batch was undone already: what an undo left alone (changed since) stays so.'),
        },
      }),
    },
    '/api/v1/moderation/campaigns': {
      get: moderator({
        operationId: 'listCampaigns',
        summary: 'Recent near-duplicate campaigns across threads, newest first',
        description: 'Mark a whole campaign spam with POST /api/v1/moderation/decisions and its `memberIds`; that batch is undoable.',
        parameters: s.queryParameters(campaignQuerySchema),
        responses: {
          '200': json('A page of campaigns', s.output(campaignPageSchema), { 'Cache-Control': headers.noStore }),
          '400': problem(400, 'A query parameter is invalid.'),
        },
      }),
    },
    '/api/v1/moderation/log': {
      get: moderator({
        operationId: 'listDecisions',
        summary: 'The decision history, newest first',
        parameters: s.queryParameters(logQuerySchema),
        responses: {
          '200': json('A page of decisions', s.output(decisionLogSchema), { 'Cache-Control': headers.noStore }),
          '400': problem(400, 'A query parameter is invalid.'),
        },
      }),
    },
  };
}

/** The policy, authors and threads. */
function policyPaths(s: SchemaCollector): Record<string, JsonObject> {
  return {
    '/api/v1/moderation/settings': {
      get: moderator({
        operationId: 'getPolicy',
        summary: 'The moderation policy in force',
        responses: { '200': json('The policy', s.output(policySchema), { 'Cache-Control': headers.noStore }) },
      }),
      put: moderator(
        {
          operationId: 'replacePolicy',
          summary: 'Replace the moderation policy',
          description:
            'Refused (422) besides the schema: a reject threshold below the hold threshold, and a word-list entry that folds to nothing a comment could match (a lone diacritic, a tatweel, punctuation, an invisible character), named by its place (`bannedWords.3`).',
          requestBody: s.jsonBody(policySchema),
          responses: { '200': json('The saved policy', s.output(policySchema)), '422': invalid('The policy') },
        },
        'admin',
      ),
    },
    '/api/v1/moderation/settings/status': {
      get: moderator({
        operationId: 'getPolicyStatus',
        summary: 'Whether the stored policy is in force',
        description: 'A stored field that fails validation (an edit outside Majlis, an older version) is replaced by its default and listed here until an admin saves the policy again.',
        responses: { '200': json('The status', s.output(policyStatusSchema), { 'Cache-Control': headers.noStore }) },
      }),
    },
    '/api/v1/moderation/settings/preview': {
      post: moderator(
        {
          operationId: 'previewPolicy',
          summary: 'Backtest a proposed policy over recent comments before saving it',
          description: 'Send `{ policy, days }` or the policy fields themselves; missing fields come from the policy in force. Nothing is written.',
          requestBody: { required: true, content: { 'application/json': { schema: { anyOf: [s.schemaOf(previewSchema), s.schemaOf(flatPreviewSchema)] } } } },
          responses: { '200': json('Which comments would change status, by transition, with examples', s.output(backtestReportSchema)), '422': invalid('The proposed policy, checked whole as saving it would be (a reject threshold below the hold threshold, a word that matches nothing)') },
        },
        'admin',
      ),
    },
    '/api/v1/moderation/authors/{email}': {
      put: moderator({
        operationId: 'setAuthorStatus',
        summary: 'Trust, ban or reset an author',
        parameters: [pathParameter('email', { type: 'string', format: 'idn-email' }, "The author's address; internationalised addresses are accepted.")],
        requestBody: s.jsonBody(authorStatusSchema),
        responses: { '200': json('The author', s.output(authorStatusResultSchema)), '422': invalid('The address or the status') },
      }),
    },
    '/api/v1/moderation/threads/{threadKey}': {
      patch: moderator({
        operationId: 'setThreadClosed',
        summary: 'Close or reopen a thread, or correct its title and URL (created if the site acts before its first comment)',
        parameters: [pathParameter('threadKey', s.schemaOf(threadKeySchema))],
        requestBody: s.jsonBody(threadPatchSchema),
        responses: {
          '200': json('The thread', s.output(threadClosedResultSchema)),
          '400': problem(400, 'The thread key is invalid, or the body is malformed.'),
          '422': invalid('`closed`, `title` or `url` (none given, or a URL outside ALLOWED_ORIGINS)'),
        },
      }),
    },
  };
}

/** The classifier of SPEC section 8: the model in force, its status, training on demand. */
function modelPaths(s: SchemaCollector): Record<string, JsonObject> {
  return {
    '/api/v1/moderation/model': {
      get: moderator({
        operationId: 'getModel',
        summary: 'The classifier model in force',
        responses: { '200': json('The model', s.output(modelResponseSchema), { 'Cache-Control': headers.noStore }), '404': problem(404, 'No model has been trained yet.') },
      }),
    },
    '/api/v1/moderation/model/status': {
      get: moderator({
        operationId: 'getModelStatus',
        summary: 'What the classifier may vote on, and what there is to learn from',
        description: `The model votes on a label only after ${'`CLASSIFIER_MIN_DECISIONS`'} decisions of it and as many approvals; until then its rule is silent.`,
        responses: { '200': json('The status', s.output(modelStatusSchema), { 'Cache-Control': headers.noStore }) },
      }),
    },
    '/api/v1/moderation/model/train': {
      post: moderator(
        {
          operationId: 'trainModel',
          summary: "Train a new model on the newsroom's decisions now",
          description: 'Learns from every comment whose last decision was a moderator\'s or an import\'s (approve, reject, spam), in a worker thread; seeded, so the same decisions give the same model. Every instance uses the new version within `CLASSIFIER_REFRESH_SECONDS`.',
          responses: {
            '200': json('The new model', s.output(modelResponseSchema), { 'Cache-Control': headers.noStore }),
            '409': problem(409, 'There is nothing to learn from yet.'),
          },
        },
        'admin',
      ),
    },
  };
}

/** The moderator API of SPEC section 4 and the classifier of section 8 (sign-in lives in account-paths). */
export function moderationPaths(s: SchemaCollector): Record<string, JsonObject> {
  return { ...queuePaths(s), ...policyPaths(s), ...modelPaths(s) };
}
