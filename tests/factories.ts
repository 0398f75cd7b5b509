import { afterEach, beforeEach } from 'node:test';
import type { Prisma } from '../src/db/models.js';
import { createModerator } from '../src/moderators/auth.service.js';
import { writeSetting } from '../src/settings/settings.repository.js';
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

/** Posts a comment through the API and returns the response body. */
export async function postComment(ctx: TestContext, threadKey: string, overrides: Record<string, unknown> = {}) {
  const response = await ctx.request.post(`/api/v1/threads/${threadKey}/comments`).send(commentInput(overrides));
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${response.text}`);
  ctx.clock.advance(60);
  return response.body as { comment: { id: number }; status: string; editToken: string; commenterKey: string };
}

/** Sets a comment's status directly, standing in for a moderator until the moderation API is used. */
export async function setStatus(ctx: TestContext, id: number, status: 'approved' | 'pending' | 'rejected' | 'spam' | 'flagged') {
  const row = await ctx.db.comment.update({ where: { id }, data: { status, updatedAt: ctx.clock.now() }, include: { thread: true } });
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
