// Two Majlis processes on one PostgreSQL database and one Redis: what one instance does, the other must honour.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDb, type Db } from '../../src/db/client.js';
import { createModerator } from '../../src/moderators/auth.service.js';
import { systemClock } from '../../src/shared/clock.js';
import {
  commentBody,
  createPostgresDatabase,
  createScratchRedis,
  postgresUnavailable,
  postJson,
  redisUnavailable,
  seedPolicy,
  startInstance,
  type Instance,
  type ScratchDatabase,
  type ScratchRedis,
} from './support.js';

const skip = (await postgresUnavailable()) ?? (await redisUnavailable());
if (skip) console.log(`# skipping two-instance tests: ${skip}`);


async function readThread(instance: Instance, key: string): Promise<{ etag: string | null; ids: number[] }> {
  const response = await fetch(`${instance.url}/api/v1/threads/${key}/comments`);
  assert.equal(response.status, 200);
  const page = (await response.json()) as { comments: Array<{ id: number }> };
  return { etag: response.headers.get('etag'), ids: page.comments.map((comment) => comment.id) };
}

describe('two instances sharing PostgreSQL and Redis', { skip: skip ?? false }, () => {
  let database: ScratchDatabase;
  let redis: ScratchRedis;
  let db: Db;
  let a: Instance;
  let b: Instance;

  before(async () => {
    database = await createPostgresDatabase();
    redis = await createScratchRedis();
    db = createDb(database.url).db;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      TRUST_PROXY: 'true',
      RATE_LIMIT_POSTS: '3',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    };
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  });

  after(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await db?.$disconnect();
    await redis?.drop();
    await database?.drop();
    assert.deepEqual(codes, [0, 0], 'both instances shut down cleanly');
  });

  it('POST comments: the per-IP limit counts posts made through either instance', async () => {
    await seedPolicy(db, { premoderation: 'none', floodIntervalSeconds: 0 });
    const ip = { 'x-forwarded-for': '203.0.113.10' };
    const statuses: number[] = [];
    for (const [n, instance] of [a, b, a, b, a].entries()) {
      statuses.push((await postJson(`${instance.url}/api/v1/threads/scale-rate/comments`, commentBody(n), ip)).status);
    }
    // Three allowed in all, not three per instance: the fourth (through B) and fifth (through A) are refused.
    assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
    const refused = await postJson(`${b.url}/api/v1/threads/scale-rate/comments`, commentBody(99), ip);
    assert.equal(refused.json.code, 'rate_limited');
    assert.equal(await db.comment.count({ where: { thread: { key: 'scale-rate' } } }), 3);
  });

  it('POST comments: flood control sees the author\'s last post made through the other instance', async () => {
    await seedPolicy(db, { premoderation: 'none', floodIntervalSeconds: 60 });
    const author = { authorEmail: 'flooder@example.org', authorName: 'Flooder' };
    const first = await postJson(`${a.url}/api/v1/threads/scale-flood/comments`, commentBody(1, author), { 'x-forwarded-for': '203.0.113.20' });
    assert.equal(first.status, 201);
    const second = await postJson(`${b.url}/api/v1/threads/scale-flood/comments`, commentBody(2, author), { 'x-forwarded-for': '203.0.113.21' });
    assert.equal(second.status, 429);
    assert.equal(second.json.code, 'flood');
  });

  it('GET thread on B shows a comment approved through A on the very next read, though B had cached the page', async () => {
    await seedPolicy(db, { premoderation: 'all', floodIntervalSeconds: 0 });
    const posted = await postJson(`${a.url}/api/v1/threads/scale-approve/comments`, commentBody(1), { 'x-forwarded-for': '203.0.113.30' });
    assert.equal(posted.status, 201);
    assert.equal(posted.json.status, 'pending');
    const id = (posted.json.comment as { id: number }).id;

    const before1 = await readThread(b, 'scale-approve');
    const before2 = await readThread(b, 'scale-approve');
    assert.deepEqual(before1.ids, []);
    assert.equal(before2.etag, before1.etag);
    // The page B cached is keyed by a version token that lives in Redis under this test's prefix.
    assert.ok(await redis.client.exists(`${redis.prefix}threads:version:scale-approve`));

    await createModerator({ db, clock: systemClock }, { email: 'mod@example.org', password: 'a-long-moderator-password', role: 'moderator' });
    const login = await postJson(`${a.url}/api/v1/auth/login`, JSON.stringify({ email: 'mod@example.org', password: 'a-long-moderator-password' }));
    assert.equal(login.status, 200);
    const decision = await postJson(`${a.url}/api/v1/moderation/comments/${id}/decision`, JSON.stringify({ action: 'approve' }), {
      authorization: `Bearer ${String(login.json.token)}`,
    });
    assert.equal(decision.status, 200);

    const afterB = await readThread(b, 'scale-approve');
    assert.deepEqual(afterB.ids, [id]);
    assert.notEqual(afterB.etag, before1.etag);
    assert.deepEqual((await readThread(a, 'scale-approve')).ids, [id]);
  });

  it('GET /readyz on each instance reports database and Redis', async () => {
    for (const instance of [a, b]) {
      const response = await fetch(`${instance.url}/readyz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ready', checks: { database: 'ok', redis: 'ok', policy: 'ok', storage: 'ok' } });
    }
  });
});
