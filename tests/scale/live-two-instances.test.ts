// Live updates across two Majlis processes on one PostgreSQL database and one Redis: a reader on B
// hears what a moderator does through A, and what a reader does through A, without reloading.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDb, type Db } from '../../src/db/client.js';
import { createModerator } from '../../src/moderators/auth.service.js';
import { systemClock } from '../../src/shared/clock.js';
import { openEventStream } from '../setup/event-stream.js';
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
if (skip) console.log(`# skipping live two-instance tests: ${skip}`);

describe('live updates across two instances (PostgreSQL + Redis pub/sub)', { skip: skip ?? false }, () => {
  let database: ScratchDatabase;
  let redis: ScratchRedis;
  let db: Db;
  let a: Instance;
  let b: Instance;

  before(async () => {
    database = await createPostgresDatabase();
    redis = await createScratchRedis();
    db = createDb(database.url).db;
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, TRUST_PROXY: 'true', LIVE_COALESCE_MS: '100' };
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  });

  after(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await db?.$disconnect();
    await redis?.drop();
    await database?.drop();
    assert.deepEqual(codes, [0, 0], 'both instances shut down cleanly, open streams included');
  });

  it('a comment approved through A reaches a stream open on B, then its reactions and its removal', async () => {
    await seedPolicy(db, { premoderation: 'all', floodIntervalSeconds: 0 });
    const posted = await postJson(`${a.url}/api/v1/threads/live-scale/comments`, commentBody(1), { 'x-forwarded-for': '203.0.113.60' });
    assert.equal(posted.status, 201);
    const id = (posted.json.comment as { id: number }).id;
    const stream = await openEventStream(`${b.url}/api/v1/threads/live-scale/events`);
    await stream.next(1);
    assert.equal(stream.events[0]?.event, 'ready');

    await createModerator({ db, clock: systemClock }, { email: 'live@example.org', password: 'a-long-moderator-password', role: 'moderator' });
    const login = await postJson(`${a.url}/api/v1/auth/login`, JSON.stringify({ email: 'live@example.org', password: 'a-long-moderator-password' }));
    const authorization = `Bearer ${String(login.json.token)}`;
    const approve = await postJson(`${a.url}/api/v1/moderation/comments/${id}/decision`, JSON.stringify({ action: 'approve' }), { authorization });
    assert.equal(approve.status, 200);
    await stream.next(2);
    assert.equal(stream.events[1]?.event, 'comment.created');
    assert.equal((stream.events[1]?.data as { id: number }).id, id);

    const reacted = await postJson(`${a.url}/api/v1/comments/${id}/reactions`, '{}', { 'x-forwarded-for': '203.0.113.61' });
    assert.equal(reacted.status, 200);
    await stream.next(3);
    assert.deepEqual(stream.events[2], { event: 'reactions', data: { id, reactions: 1 } });

    const reject = await postJson(`${a.url}/api/v1/moderation/comments/${id}/decision`, JSON.stringify({ action: 'reject' }), { authorization });
    assert.equal(reject.status, 200);
    await stream.next(4);
    assert.equal(stream.events[3]?.event, 'comment.removed');
    // Left open on purpose: shutting down must end streams rather than wait for them.
  });
});
