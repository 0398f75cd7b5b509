import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterAttempt, backoffDelayMs } from '../../../src/outbox/backoff.js';

const now = new Date('2026-11-26T10:00:00Z');

describe('outbox retry timing', () => {
  it('doubles from 2 s with equal jitter and stops growing at one hour', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelayMs(n, () => 0)), [1_000, 2_000, 4_000, 8_000]);
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelayMs(n, () => 1)), [2_000, 4_000, 8_000, 16_000]);
    assert.equal(backoffDelayMs(40, () => 1), 3_600_000);
  });

  it('delivers on success, retries later on failure, and fails for good at the last attempt', () => {
    assert.deepEqual(afterAttempt(true, 3, { maxAttempts: 3, now }), { status: 'delivered', nextAttemptAt: now });
    assert.deepEqual(afterAttempt(false, 2, { maxAttempts: 3, now, random: () => 1 }), { status: 'pending', nextAttemptAt: new Date(now.getTime() + 4_000) });
    assert.deepEqual(afterAttempt(false, 3, { maxAttempts: 3, now }), { status: 'failed', nextAttemptAt: now });
  });
});
