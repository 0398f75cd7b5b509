import { postCommentBodySchema, createdCommentSchema, editCommentSchema, flagCommentSchema, ownCommentSchema } from '../comments/comment.schemas.js';
import { formTicketSchema } from '../bots/bot-fields.schemas.js';
import { readerNoticeSchema } from '../shared/json-schemas.js';
import {
  countsQuerySchema,
  countsSchema,
  listCommentsQuerySchema,
  listRepliesQuerySchema,
  REPLIES_PER_CONVERSATION,
  repliesPageSchema,
  threadKeySchema,
  threadPageSchema,
} from '../threads/thread.schemas.js';
import { operation, pathParameter } from './operation.js';
import { header, headers, htmlPage, json, problem, response } from './responses.js';
import type { JsonObject, SchemaCollector } from './schema-tools.js';

const CDN_CACHE = header('Fresh for THREAD_CACHE_MAX_AGE_SECONDS, then served stale while a CDN revalidates.', {
  type: 'string',
  pattern: '^public, max-age=\\d+, stale-while-revalidate=\\d+$',
});
const ETAG = header('Changes whenever the page would; send it back as If-None-Match.', { type: 'string', pattern: '^(W/)?"[^"]*"$' });
const commentId = pathParameter('id', { type: 'integer', minimum: 1 }, 'The comment id.');
const lang = { name: 'lang', in: 'query', required: false, description: 'Language of messages: `ar` or `en` (else Accept-Language).', schema: { type: 'string', enum: ['ar', 'en'] } };
const notFound = problem(404, 'No such comment (or, for the author, one that was deleted).');

/** Reading threads and counts: served before the body parsers, so no 413 or 415. */
function threadPaths(s: SchemaCollector): Record<string, JsonObject> {
  return {
    get: operation({
      operationId: 'listThreadComments',
      tag: 'Threads',
      summary: 'Approved comments of a thread, with nested replies',
      description: 'An unknown thread is an empty page, not a 404. HEAD answers the same headers without the body.',
      access: 'public',
      parameters: [
        pathParameter('threadKey', s.schemaOf(threadKeySchema)),
        ...s.queryParameters(listCommentsQuerySchema),
        { name: 'If-None-Match', in: 'header', required: false, description: 'The ETag of a page already held.', schema: { type: 'string' } },
      ],
      responses: {
        '200': json('A page of the thread', s.output(threadPageSchema), { ETag: ETAG, 'Cache-Control': CDN_CACHE }),
        '304': response('The page held (If-None-Match) is current', {}, { ETag: ETAG, 'Cache-Control': CDN_CACHE }),
        '400': problem(400, 'The thread key, `sort`, `limit` or `cursor` is invalid.'),
      },
    }),
    post: operation({
      operationId: 'postComment',
      tag: 'Comments',
      summary: 'Post a comment or a reply',
      description:
        'JSON requests get 201 with the stored comment; a rejected comment is stored too (moderators can overturn it). ' +
        'The no-JavaScript form (application/x-www-form-urlencoded) gets 303 back to the article, or a small page when there is ' +
        'no safe place to return to; its errors come as a page that keeps what the reader typed.',
      access: 'public',
      readerToken: true,
      parsesBody: true,
      parameters: [pathParameter('threadKey', s.schemaOf(threadKeySchema)), lang],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: s.schemaOf(postCommentBodySchema) }, 'application/x-www-form-urlencoded': { schema: s.schemaOf(postCommentBodySchema) } },
      },
      responses: {
        '201': response(
          'Stored; `status` tells whether it is public. Form posts with nowhere safe to return get a page.',
          { 'application/json': s.output(createdCommentSchema), 'text/html': htmlPage },
          {
            Location: header('JSON requests: the comment, for GET with its X-Edit-Token.', { type: 'string', format: 'uri-reference' }, false),
            'Cache-Control': header('JSON requests: the edit token must not be stored.', { type: 'string', const: 'no-store' }, false),
          },
        ),
        '303': response(
          'Form posts: back to the article (threadUrl or Referer, on an allowed origin) with the outcome in the query and fragment.',
          { 'text/html': htmlPage, 'text/plain': { type: 'string' } },
          { Location: header('The article, with `majlis-status` and `majlis-comment`.', { type: 'string', format: 'uri' }) },
        ),
        '400': problem(400, 'The thread key is invalid, or the body is malformed.', { asPage: true }),
        '403': problem(403, 'Comments are closed on this thread, the policy lets only signed-in readers post (`sign_in_required`), or a browser sent it for a site that is neither this service nor in ALLOWED_ORIGINS (`Origin`, `Sec-Fetch-Site`).', { asPage: true }),
        '409': problem(409, "Duplicate comment detected; it looks as though you've already said that!", { asPage: true }),
        '413': problem(413, 'The body is larger than BODY_LIMIT_BYTES.', { asPage: true }),
        '415': problem(415, 'The body is neither JSON nor form-encoded, or not in UTF-8.', { asPage: true }),
        '422': problem(422, 'Validation failed: every failing field is listed in `errors`, with a localised message.', { asPage: true }),
        '428': problem(
          428,
          'JSON requests the policy finds risky (`challengeWhen`; by default a burst from one address range or a thread under attack, on request a new author, links, or both) ' +
            'must carry a solved proof of work: the problem (`code` `challenge_required`) carries a `challenge`; solve it and post again with `challengeSolution`. ' +
            'Nothing is stored. Form posts are never refused for this: they are held for moderation instead.',
        ),
        '429': problem(429, 'Flood control (same author or IP too soon) or the client\'s write budget (RATE_LIMIT_POSTS per window, shared by posts, edits, deletes and flags).', { asPage: true }),
        '500': problem(500, 'An unexpected failure; logged with the request id.', { asPage: true }),
        '503': problem(503, 'The database cannot answer for now; nothing was stored, the text is kept in the form (or on the page).', { asPage: true }),
      },
    }),
  };
}

/** Every public write counts against the client's one budget (src/http/write-limit.ts). */
const writeBudget = (page: { asPage?: boolean } = {}) =>
  problem(429, "The client's write budget is spent (RATE_LIMIT_POSTS per window, shared by posts, edits, deletes and flags); Retry-After says when.", page);

/** The public API of SPEC section 3, besides the mail links. */
export function publicPaths(s: SchemaCollector): Record<string, JsonObject> {
  return {
    '/api/v1/threads/{threadKey}/comments': threadPaths(s),
    '/api/v1/threads/{threadKey}/comments/{id}/replies': {
      get: operation({
        operationId: 'listConversationReplies',
        tag: 'Threads',
        summary: 'The rest of a long conversation: its next approved replies',
        description:
          `A thread page carries the first ${REPLIES_PER_CONVERSATION} replies of each conversation; a top-level comment with more has \`replyCount\` and \`repliesCursor\`. ` +
          'Pass `repliesCursor` as `cursor` here, then each answer\'s `nextCursor`, to read the rest in the order they were written, each reply once; ' +
          'without `cursor`, the replies from the start. The replies come flat: put each under the comment its `parentId` names. ' +
          'Cached and invalidated with the thread\'s pages. A conversation that is unknown, not of this thread, or not public is an empty list, not a 404. ' +
          'HEAD answers the same headers without the body.',
        access: 'public',
        parameters: [
          pathParameter('threadKey', s.schemaOf(threadKeySchema)),
          pathParameter('id', { type: 'integer', minimum: 1 }, 'The top-level comment that opens the conversation.'),
          ...s.queryParameters(listRepliesQuerySchema),
          { name: 'If-None-Match', in: 'header', required: false, description: 'The ETag of a page already held.', schema: { type: 'string' } },
        ],
        responses: {
          '200': json('The next replies of the conversation', s.output(repliesPageSchema), { ETag: ETAG, 'Cache-Control': CDN_CACHE }),
          '304': response('The page held (If-None-Match) is current', {}, { ETag: ETAG, 'Cache-Control': CDN_CACHE }),
          '400': problem(400, 'The thread key, comment id, `limit` or `cursor` is invalid (a localised problem).'),
        },
      }),
    },
    '/api/v1/threads/{threadKey}/ticket': {
      get: operation({
        operationId: 'issueFormTicket',
        tag: 'Comments',
        summary: "A signed render time for the thread's comment form",
        description: 'Thread pages are cached, so the widget asks for this when the reader first focuses the form and sends it back as `formTicket`.',
        access: 'public',
        parsesBody: true,
        parameters: [pathParameter('threadKey', s.schemaOf(threadKeySchema))],
        responses: {
          '200': json('The ticket', s.output(formTicketSchema), { 'Cache-Control': headers.noStore }),
          '400': problem(400, 'The thread key is invalid.'),
        },
      }),
    },
    '/api/v1/counts': {
      get: operation({
        operationId: 'countComments',
        tag: 'Threads',
        summary: 'Approved comment counts for up to 100 threads',
        access: 'public',
        parameters: [
          ...s.queryParameters(countsQuerySchema),
          { name: 'If-None-Match', in: 'header', required: false, description: 'The ETag of counts already held.', schema: { type: 'string' } },
        ],
        responses: {
          '200': json('Counts by thread key (0 for unknown threads); cached until one of the threads changes', s.output(countsSchema), { ETag: ETAG, 'Cache-Control': CDN_CACHE }),
          '304': response('The counts held (If-None-Match) are current', {}, { ETag: ETAG, 'Cache-Control': CDN_CACHE }),
          '400': problem(400, '`threads` is missing, has more than 100 keys, or an invalid key.'),
        },
      }),
    },
    '/api/v1/comments/{id}': {
      get: operation({
        operationId: 'getOwnComment',
        tag: 'Comments',
        summary: "The author's own comment, whatever its status",
        access: 'author',
        parsesBody: true,
        parameters: [commentId, lang],
        responses: {
          '200': json('The comment', s.output(ownCommentSchema), { 'Cache-Control': headers.noStore }),
          '401': problem(401, 'No X-Edit-Token header.'),
          '403': problem(403, 'The edit token does not belong to this comment.'),
          '404': notFound,
        },
      }),
      patch: operation({
        operationId: 'editOwnComment',
        tag: 'Comments',
        summary: 'Edit within the edit window; the new text is moderated again',
        access: 'author',
        parsesBody: true,
        parameters: [commentId],
        requestBody: s.jsonBody(editCommentSchema),
        responses: {
          '200': json('The edited comment; the text as it stands leaves the comment as it was (not edited, nor moderated again)', s.output(ownCommentSchema)),
          '401': problem(401, 'No X-Edit-Token header.'),
          '403': problem(403, 'Wrong edit token, the edit window is over, the thread is closed, or: A browser sent it for a site that is neither this service nor in ALLOWED_ORIGINS (`Origin`, `Sec-Fetch-Site`).'),
          '404': notFound,
          '409': problem(409, 'A moderator decided the comment while the edit was being stored: reload it and edit again.'),
          '422': problem(422, 'The new text is invalid.'),
          '429': writeBudget(),
        },
      }),
      delete: operation({
        operationId: 'deleteOwnComment',
        tag: 'Comments',
        summary: 'Delete; a comment with replies stays as an empty tombstone',
        access: 'author',
        parsesBody: true,
        parameters: [commentId],
        responses: {
          '204': response('Deleted'),
          '401': problem(401, 'No X-Edit-Token header.'),
          '403': problem(403, 'The edit token does not belong to this comment, or: A browser sent it for a site that is neither this service nor in ALLOWED_ORIGINS (`Origin`, `Sec-Fetch-Site`).'),
          '404': notFound,
          '409': problem(409, 'A moderator decided the comment while the deletion was being stored: try again.'),
          '429': writeBudget(),
        },
      }),
    },
    '/api/v1/comments/{id}/flags': {
      post: operation({
        operationId: 'flagComment',
        tag: 'Comments',
        summary: 'Report a comment',
        description:
          'One flag per reader (an IPv4 address or IPv6 /64) counts, and flags within five minutes of the last counted one count once; at the policy’s `flagThreshold` an approved comment leaves the thread for the queue. A moderator who publishes it again has reviewed those reports: flags count from zero after that. ' +
          'The no-JavaScript page posts the same fields as a form (with `threadUrl`) and gets 303 back to the thread.',
        access: 'public',
        readerToken: true,
        parsesBody: true,
        parameters: [commentId],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: s.schemaOf(flagCommentSchema) }, 'application/x-www-form-urlencoded': { schema: s.schemaOf(flagCommentSchema) } },
        },
        responses: {
          '202': response('Recorded (form posts with nowhere safe to return get a page).', { 'application/json': s.output(readerNoticeSchema), 'text/html': htmlPage }),
          '303': response(
            'Form posts: back to the thread page (threadUrl or Referer, on an allowed origin) with `majlis-flag=sent`.',
            { 'text/html': htmlPage, 'text/plain': { type: 'string' } },
            { Location: header('The thread page.', { type: 'string', format: 'uri' }) },
          ),
          '403': problem(403, 'A browser sent it for a site that is neither this service nor in ALLOWED_ORIGINS (`Origin`, `Sec-Fetch-Site`).', { asPage: true }),
          '404': problem(404, 'No approved comment with this id.', { asPage: true }),
          '422': problem(422, '`reason` or `note` is invalid.', { asPage: true }),
          '429': writeBudget({ asPage: true }),
        },
      }),
    },
  };
}
