import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type supertest from 'supertest';
import { holdTurns } from '../../src/shared/next-turn.js';
import { commentInput } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { agentWithClassifierHook } from '../setup/classifier-hook.js';
import { holdTheLoop } from '../setup/hold-loop.js';

const onSqlite = (process.env.TEST_DATABASE_URL ?? '') === '';
/** What each post's checks hold the event loop for here, as a busy server's do. */
const CHECK_MS = 3;

let ctx: TestContext;
let request: supertest.Agent;
/** The turn of the event loop (counted by a probe) in which each post's checks ran. */
const checkedInTurn: number[] = [];
let turn = 0;

before(async () => {
  ctx = await createTestContext();
  // The classifier is read by every post's checks: here it also holds the loop, as the rest of the checks would under load.
  request = agentWithClassifierHook(ctx, () => {
    checkedInTurn.push(turn);
    holdTheLoop(CHECK_MS);
  });
});
after(async () => ctx.close());

describe('posts arriving together', () => {
  it('SQLite: wait while a shared commit holds the turns, then are checked a few per turn of the event loop', { skip: !onSqlite && 'SQLite only: on PostgreSQL the checks wait for their reads anyway' }, async () => {
    const release = holdTurns();
    const answers = Array.from({ length: 8 }, () => request.post('/api/v1/threads/burst/comments').send(commentInput()).then((res) => res.status));
    await sleep(300);
    assert.deepEqual(checkedInTurn, [], 'no post was checked while a commit held the turns');
    let probing = true;
    const probe = () => {
      turn += 1;
      if (probing) setImmediate(probe);
    };
    setImmediate(probe);
    release();
    const statuses = await Promise.all(answers);
    probing = false;
    assert.equal(checkedInTurn.length, 8, `statuses ${statuses.join(', ')}`);
    const perTurn = new Map<number, number>();
    for (const at of checkedInTurn) perTurn.set(at, (perTurn.get(at) ?? 0) + 1);
    // Steps start only while less than 5 ms of the turn is spent: a third post would start at 6 ms or later.
    assert.ok(Math.max(...perTurn.values()) <= 2, `checks per turn: ${[...perTurn.values()].join(', ')}`);
  });
});
