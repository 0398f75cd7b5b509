import { afterEach, beforeEach } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Prisma } from '../src/db/models.js';
import { createModerator } from '../src/moderators/auth.service.js';
import { writeSetting } from '../src/settings/settings.repository.js';
import { inTransaction } from '../src/db/unit-of-work.js';
import { showOrHideRepliesBelow } from '../src/comments/comment-transition.js';
import type { TestContext } from './setup/app.js';

let sequence = 0;

/** A valid comment submission; each call gets a distinct author and text unless overridden. */
export function commentInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    body: `A thoughtful comment number ${sequence} about the article.`,
    authorName: `Reader ${sequence}`,
    authorEmail: `reader${sequence}@example.org`,
    ...overrides,
  };
}

/** The `challengeSolution` for a 428's challenge, solved as the widget does. */
export async function solvedChallenge(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('the challenge has no solution');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/** Posts a comment through the API (solving a proof of work when asked, as the widget does) and returns the response body. */
export async function postComment(ctx: TestContext, threadKey: string, overrides: Record<string, unknown> = {}) {
  const input = commentInput(overrides);
  const path = `/api/v1/threads/${threadKey}/comments`;
  let response = await ctx.request.post(path).send(input);
  if (response.status === 428) response = await ctx.request.post(path).send({ ...input, challengeSolution: await solvedChallenge(response.body.challenge as Challenge) });
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${response.text}`);
  ctx.clock.advance(60);
  return response.body as { comment: { id: number }; status: string; editToken: string; commenterKey: string };
}

/** Sets a comment's status directly, standing in for a moderator until the moderation API is used. */
export async function setStatus(ctx: TestContext, id: number, status: 'approved' | 'pending' | 'rejected' | 'spam' | 'flagged') {
  const row = await inTransaction(ctx.db, async ({ tx }) => {
    const changed = await tx.comment.update({ where: { id }, data: { status, updatedAt: ctx.clock.now() }, include: { thread: true } });
    // Its replies are hidden or shown with it, as every status change does (src/comments/comment-transition.ts).
    await showOrHideRepliesBelow(tx, changed);
    return changed;
  });
  await ctx.threadCache.invalidate(row.thread.key);
}

/** Posts a comment and approves it. */
export async function approvedComment(ctx: TestContext, threadKey: string, overrides: Record<string, unknown> = {}) {
  const posted = await postComment(ctx, threadKey, overrides);
  await setStatus(ctx, posted.comment.id, 'approved');
  return posted;
}

/**
 * Gives a thread its title and URL as a moderator does (posts from tests come from no trusted page,
 * so they describe nothing: docs/security.md, "Abuse by strangers").
 */
export async function describeThread(ctx: TestContext, key: string, description: { title?: string; url?: string }) {
  const data = { ...description, describedBy: 'moderator' };
  await ctx.db.thread.upsert({ where: { key }, create: { key, ...data, createdAt: ctx.clock.now() }, update: data });
  await ctx.threadCache.invalidate(key);
}

/** Saves a moderation policy directly in settings. */
export async function setPolicy(ctx: TestContext, policy: Record<string, unknown>) {
  const existing = await ctx.db.setting.findUnique({ where: { key: 'moderation.policy' } });
  const value = JSON.parse(JSON.stringify({ ...((existing?.value as object | undefined) ?? {}), ...policy })) as Prisma.InputJsonObject;
  await writeSetting(ctx.db, 'moderation.policy', value, null, ctx.clock.now());
  await ctx.threadCache.invalidateAll();
}

/**
 * Puts the stored policy back after every test of the file, passed or failed, so a test's policy
 * changes (setPolicy) never leak into the tests after it.
 */
export function restorePolicyAfterEach(context: () => TestContext): void {
  let saved: Prisma.InputJsonValue = {};
  beforeEach(async () => {
    const row = await context().db.setting.findUnique({ where: { key: 'moderation.policy' } });
    // Nothing stored reads as the defaults, and so does an empty policy.
    saved = (row?.value as Prisma.InputJsonValue | undefined) ?? {};
  });
  afterEach(async () => {
    const ctx = context();
    await writeSetting(ctx.db, 'moderation.policy', saved, null, ctx.clock.now());
    await ctx.threadCache.invalidateAll();
  });
}

let moderatorSequence = 0;

/** Creates a moderator account, signs in through the API, and returns the bearer token. */
export async function signIn(ctx: TestContext, role: 'admin' | 'moderator' = 'moderator') {
  moderatorSequence += 1;
  const email = `${role}${moderatorSequence}@newsroom.example`;
  const password = 'correct horse battery staple';
  const moderator = await createModerator(ctx, { email, password, role });
  const res = await ctx.request.post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return { token: res.body.token as string, moderator, email, password, auth: `Bearer ${res.body.token as string}` };
}

/**
 * An approved top-level comment and `count` approved replies written straight to the database (as an
 * import would), every `nestEvery`th answering the reply before it; returns the root id and the replies
 * (with their parents) in order.
 */
export async function seedConversation(ctx: TestContext, key: string, count: number, nestEvery = 3) {
  const now = ctx.clock.now();
  const thread = await ctx.db.thread.upsert({ where: { key }, create: { key, createdAt: now }, update: {} });
  await ctx.db.author.upsert({ where: { emailKey: 'seeded@example.org' }, create: { emailKey: 'seeded@example.org', createdAt: now }, update: {} });
  const row = (body: string, parentId: number | null, rootId: number | null) => ({
    threadId: thread.id,
    parentId,
    rootId,
    depth: parentId === null ? 0 : 1,
    body,
    authorName: 'Seeded reader',
    authorEmail: 'seeded@example.org',
    authorKey: 'seeded@example.org',
    status: 'approved' as const,
    reasons: [],
    bodyHash: `${key}-${body}`,
    editTokenHash: 'x',
    createdAt: now,
    updatedAt: now,
  });
  const root = await ctx.db.comment.create({ data: row('Where does the money go?', null, null) });
  await ctx.db.comment.update({ where: { id: root.id }, data: { rootId: root.id } });
  const replies: Array<{ id: number; parentId: number }> = [];
  for (let i = 1; i <= count; i += 1) {
    const parentId = i % nestEvery === 0 ? (replies.at(-1)?.id as number) : root.id;
    replies.push({ id: (await ctx.db.comment.create({ data: row(`reply ${i} of a long conversation about the budget`, parentId, root.id) })).id, parentId });
  }
  await ctx.threadCache.invalidate(key);
  return { rootId: root.id, replies, replyIds: replies.map((reply) => reply.id) };
}
