// Rate limits count clients under keyed hashes of their addresses: no raw address sits in the limiter's keys, which
// Redis holds when instances share their limits (the SPEC keeps only keyed hashes of IPs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryRateLimiter } from '../../src/shared/rate-limiter.js';
import { commentInput } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

/** The in-memory limiter, with every key it was asked about. */
class RecordingRateLimiter extends MemoryRateLimiter {
  readonly keys = new Set<string>();
  override hit(key: string, limit: number, windowSeconds: number, now: Date) {
    this.keys.add(key);
    return super.hit(key, limit, windowSeconds, now);
  }
  override count(key: string, now: Date) {
    this.keys.add(key);
    return super.count(key, now);
  }
}

const limiter = new RecordingRateLimiter();
let ctx: TestContext;
before(async () => {
  ctx = await createTestContext({ TRUST_PROXY: 'true' }, { rateLimiter: limiter });
});
after(async () => ctx.close());

describe('rate-limit keys', () => {
  it('hold no client address, for sign-ins, first-run setup and writes', async () => {
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    await ctx.request.post('/api/v1/auth/login').set(from('198.51.100.44')).send({ email: 'nobody@newsroom.example', password: 'not a password at all' });
    await ctx.request.post('/api/v1/setup/admin').set(from('198.51.100.45')).send({ token: 'not-the-token', email: 'first@newsroom.example', password: 'a long enough passphrase' });
    await ctx.request.post('/api/v1/threads/keys-thread/comments').set(from('2001:db8:44:1::7')).send(commentInput());
    const keys = [...limiter.keys];
    assert.ok(keys.some((key) => key.startsWith('login:')) && keys.some((key) => key.startsWith('setup:')) && keys.some((key) => key.startsWith('write:')), keys.join(' '));
    assert.deepEqual(keys.filter((key) => /198\.51\.100|2001:db8/.test(key)), []);
  });
});
