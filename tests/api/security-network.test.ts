import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { clientNetwork } from '../../src/shared/client-network.js';
import { approvedComment, commentInput, restorePolicyAfterEach, setPolicy } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext({ TRUST_PROXY: 'true', RATE_LIMIT_POSTS: '10', RATE_LIMIT_WINDOW_SECONDS: '3600' });
});
after(async () => ctx.close());
beforeEach(() => ctx.clock.advance(3600));
restorePolicyAfterEach(() => ctx);

const post = (ip: string, n: number) =>
  ctx.request.post('/api/v1/threads/ipv6-rotation/comments').set('X-Forwarded-For', ip).send(commentInput({ body: `Rotating post number ${n}`, authorEmail: `rotor${n}@example.org` }));
const flag = (id: number, ip: string) => ctx.request.post(`/api/v1/comments/${id}/flags`).set('X-Forwarded-For', ip).send({ reason: 'abuse' });
const flagCountOf = async (id: number) => (await ctx.db.comment.findUniqueOrThrow({ where: { id } })).flagCount;

describe('rate limits count people, not header values', () => {
  it('keys IPv6 clients by their /64: 15 posts from 15 addresses of one /64 hit the limit of 10', async () => {
    // The rate limit alone: the bot defences would ask this burst of new authors for proof of work after five.
    await setPolicy(ctx, { challengeWhen: [] });
    const statuses: number[] = [];
    for (let n = 1; n <= 15; n += 1) {
      statuses.push((await post(`2001:db8:1234:5678:${n.toString(16)}:${(n * 7).toString(16)}::${n}`, n)).status);
      ctx.clock.advance(20); // past flood control, inside the rate-limit window
    }
    assert.equal(statuses.filter((s) => s === 201).length, 10);
    assert.deepEqual(statuses.slice(10), [429, 429, 429, 429, 429]);
    // Another /64 is another client.
    assert.equal((await post('2001:db8:1234:9999::1', 99)).status, 201);
  });

  it('cuts addresses to the configured prefix; IPv4 and IPv4-mapped addresses stay whole', () => {
    assert.equal(clientNetwork('2001:db8:1:2:aaaa:bbbb:cccc:dddd', 64), '2001:db8:1:2:0:0:0:0/64');
    assert.equal(clientNetwork('2001:db8:1:2::ffff', 64), clientNetwork('2001:0db8:0001:0002:0:0:0:1', 64));
    assert.equal(clientNetwork('2001:db8:1:2ff::1', 56), '2001:db8:1:200:0:0:0:0/56');
    assert.equal(clientNetwork('fe80::1%eth0', 64), 'fe80:0:0:0:0:0:0:0/64');
    assert.equal(clientNetwork('::ffff:192.0.2.7', 64), '192.0.2.7');
    // The same mapped address written in hex, as a proxy may pass it on.
    assert.equal(clientNetwork('::ffff:c000:207', 64), '192.0.2.7');
    assert.equal(clientNetwork('0:0:0:0:0:FFFF:C000:0207', 64), '192.0.2.7');
    assert.equal(clientNetwork('192.0.2.7', 64), '192.0.2.7');
    assert.equal(clientNetwork(undefined, 64), undefined);
  });
});

describe('flags from one network or one burst count once', () => {
  it('counts flags from addresses of one IPv6 /64 as one reader', async () => {
    const { comment } = await approvedComment(ctx, 'flags-network');
    for (const suffix of ['1', '2', '3', 'abcd']) {
      assert.equal((await flag(comment.id, `2001:db8:aa:bb::${suffix}`)).status, 202);
      ctx.clock.advance(600);
    }
    assert.equal(await flagCountOf(comment.id), 1);
  });

  it('counts a burst of flags from many networks once, keeps every flag for moderators, and counts the next burst again', async () => {
    const { comment } = await approvedComment(ctx, 'flags-burst');
    for (const ip of ['198.51.100.1', '198.51.100.2', '203.0.113.3', '203.0.113.4']) {
      assert.equal((await flag(comment.id, ip)).status, 202);
      ctx.clock.advance(5);
    }
    assert.equal(await flagCountOf(comment.id), 1);
    assert.equal(await ctx.db.flag.count({ where: { commentId: comment.id } }), 4);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status, 'approved', 'a drive-by burst does not pull it');
    ctx.clock.advance(600);
    await flag(comment.id, '192.0.2.200');
    assert.equal(await flagCountOf(comment.id), 2);
  });
});
