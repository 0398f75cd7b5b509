import { staffReplySchema } from '../comments/comment.schemas.js';
import { featureSchema, queueItemSchema } from '../moderation/moderation.schemas.js';
import { reactionInputSchema, reactionResultSchema } from '../reactions/reaction.schemas.js';
import { threadKeySchema } from '../threads/thread.schemas.js';
import { operation, pathParameter } from './operation.js';
import { header, headers, htmlPage, json, problem, response } from './responses.js';
import type { JsonObject, SchemaCollector } from './schema-tools.js';

const commentId = pathParameter('id', { type: 'integer', minimum: 1 }, 'The comment id.');
/** `asPage`: a form post (the no-JavaScript page's button) gets it as a page. */
type AsPage = { asPage?: boolean };
const notPublic = (page: AsPage = {}) => problem(404, 'No approved comment with this id.', page);
const rateLimited = (page: AsPage = {}) => problem(429, "The client's write budget (posts, edits, flags and reactions together) is spent; `Retry-After` says when to try again.", page);
const crossSite = (page: AsPage = {}) => problem(403, 'A browser sent it for a site that is neither this service nor in ALLOWED_ORIGINS (`Origin`, `Sec-Fetch-Site`); for a reaction, also a signed-in account moderators banned.', page);
const invalidField = (page: AsPage = {}) => problem(422, 'A field is invalid.', page);

/** Reactions, editors' picks and live updates (SPEC section 8). */
export function engagementPaths(s: SchemaCollector): Record<string, JsonObject> {
  const reactionBody = {
    required: false,
    content: { 'application/json': { schema: s.schemaOf(reactionInputSchema) }, 'application/x-www-form-urlencoded': { schema: s.schemaOf(reactionInputSchema) } },
  };
  const reactionResponses = { '200': json('The count now and whether this reader reacts', s.output(reactionResultSchema), { 'Cache-Control': headers.noStore }), '403': crossSite(), '404': notPublic(), '422': invalidField(), '429': rateLimited() };
  return {
    '/api/v1/comments/{id}/reactions': {
      post: operation({
        operationId: 'reactToComment',
        tag: 'Comments',
        summary: 'React to a comment ("Respect"), once per reader',
        description:
          'A reader counts once: a signed-in reader (`Authorization: Bearer <jwt>`) by account, a confirmed author by `commenterKey` and `authorEmail`, anyone else by the browser id (`readerId` or X-Majlis-Reader) together with the address. ' +
          'Reacting again changes nothing. The no-JavaScript page posts a form, which toggles and answers 303 back to the thread page (setting a first-party browser-id cookie).',
        access: 'public',
        readerToken: true,
        parsesBody: true,
        parameters: [commentId],
        requestBody: reactionBody,
        responses: {
          ...reactionResponses,
          '403': crossSite({ asPage: true }),
          '404': notPublic({ asPage: true }),
          '422': invalidField({ asPage: true }),
          '429': rateLimited({ asPage: true }),
          '303': response('Form posts: back to the thread page', { 'text/html': htmlPage, 'text/plain': { type: 'string' } }, { Location: header('The thread page, at the comment.', { type: 'string', format: 'uri-reference' }) }),
        },
      }),
      delete: operation({
        operationId: 'unreactToComment',
        tag: 'Comments',
        summary: "Take back this reader's reaction",
        access: 'public',
        readerToken: true,
        parsesBody: true,
        parameters: [commentId],
        requestBody: reactionBody,
        responses: reactionResponses,
      }),
    },
    '/api/v1/threads/{threadKey}/events': {
      get: operation({
        operationId: 'streamThreadEvents',
        tag: 'Threads',
        summary: 'Live updates of a thread (Server-Sent Events)',
        description:
          'A `text/event-stream`: `ready` first, then `comment.created`, `comment.updated` and `comment.removed` (data: the PublicComment; ' +
          'for a comment its author deleted, its placeholder with `deleted: true`, shown while it holds replies) and `reactions` ' +
          '(data: `{ "id", "reactions" }`), at most one message per thread per second. The stream ends after LIVE_MAX_CONNECTION_SECONDS; ' +
          'a client that gets 429 or 503, or no `ready` (a buffering proxy), reads the thread with ETags instead.',
        access: 'public',
        parameters: [pathParameter('threadKey', s.schemaOf(threadKeySchema))],
        responses: {
          '200': response('The event stream', { 'text/event-stream': { type: 'string' } }, { 'Cache-Control': header('Never cached or transformed.', { type: 'string', const: 'no-store, no-transform' }) }),
          '400': problem(400, 'The thread key is invalid.'),
          '429': problem(429, 'This client address (an IPv6 network) holds LIVE_MAX_CLIENTS_PER_ADDRESS streams on this instance already: poll the thread instead.'),
          '503': problem(503, 'This instance serves as many streams as it may (LIVE_MAX_CLIENTS): poll the thread instead.'),
        },
      }),
    },
    '/api/v1/moderation/comments/{id}/feature': {
      post: operation({
        operationId: 'featureComment',
        tag: 'Moderation',
        summary: "Feature a comment among the editors' picks, or take it out",
        description:
          'Only an approved comment can be featured (else 409). Logged in the decision history with `action` and a `batchId` that POST /moderation/decisions/{batchId}/undo reverses; ' +
          'featuring sends the `comment.featured` webhook and mails the author if they asked for notifications and confirmed the address; unfeaturing sends `comment.unfeatured`.',
        access: 'moderator',
        parsesBody: true,
        parameters: [commentId],
        requestBody: s.jsonBody(featureSchema),
        responses: {
          '200': json('The item', s.output(queueItemSchema)),
          '404': problem(404, 'No comment with this id.'),
          '409': problem(409, 'Only an approved comment can be featured.'),
          '422': problem(422, 'The body is invalid; every failing field is listed in `errors`.'),
        },
      }),
    },
    '/api/v1/moderation/comments/{id}/reply': {
      post: operation({
        operationId: 'replyAsStaff',
        tag: 'Moderation',
        summary: 'Answer a published comment as staff',
        description:
          'Publishes a reply to the comment at once, under the name given and with the `staff` badge; its author is the signed-in moderator (`identifiedBy: "staff"`), ' +
          'which no reader can claim. It is an ordinary reply otherwise: counted, shown live, sent to webhooks and mailed to the parent\'s author if they asked for replies.',
        access: 'moderator',
        parsesBody: true,
        parameters: [commentId],
        requestBody: s.jsonBody(staffReplySchema),
        responses: {
          '201': json('The reply, as the queue shows it', s.output(queueItemSchema), { 'Cache-Control': headers.noStore }),
          '404': problem(404, 'No comment with this id.'),
          '409': problem(409, 'Only a published comment can be answered.'),
          '422': problem(422, 'The body is invalid; every failing field is listed in `errors`.'),
        },
      }),
    },
  };
}
