import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import supertest from 'supertest';
import { createModerator } from '../../src/moderators/auth.service.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext({ TRUST_PROXY: 'true' });
});
after(async () => ctx.close());
beforeEach(() => ctx.clock.advance(3600));

let accounts = 0;
async function account() {
  accounts += 1;
  const email = `admin${accounts}@newsroom.example`;
  const password = 'the admin’s real passphrase';
  await createModerator(ctx, { email, password, role: 'admin' });
  return { email, password };
}
const login = (from: string, body: { email: string; password: string }, request: supertest.Agent = ctx.request) =>
  request.post('/api/v1/auth/login').set('X-Forwarded-For', from).send(body);

describe('sign-in cannot be turned against the newsroom', () => {
  it('locks out the client that guessed, not the account: the admin still signs in from elsewhere', async () => {
    const admin = await account();
    for (let i = 0; i < 5; i += 1) assert.equal((await login('198.51.100.66', { ...admin, password: `guess ${i}` })).status, 401);
    assert.equal((await login('198.51.100.66', admin)).status, 401, 'the guessing client is locked, even with the right password (answered like a wrong one)');
    assert.equal((await login('203.0.113.10', admin)).status, 200, 'the owner, from their own network, is not');
    // Rotating inside one IPv6 /64 is the same client.
    for (let i = 0; i < 5; i += 1) await login(`2001:db8:66:1::${i + 1}`, { ...admin, password: `v6 guess ${i}` });
    assert.equal((await login('2001:db8:66:1::99', admin)).status, 401);
  });

  it('checks at most five of 75 parallel guesses from one client: the right password among them is refused', async () => {
    const admin = await account();
    const request = supertest.agent(ctx.appWith({ loginDelay: async () => {} }));
    const guesses = Array.from({ length: 75 }, (_, i) => (i === 74 ? admin : { ...admin, password: `parallel ${i}` }));
    const answers = await Promise.all(guesses.map((guess) => login('198.51.100.75', guess, request)));
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 200).length, 0, 'the last guess hit, but was never checked');
    // Past the client's budget of 30 attempts the answer is 429, which says nothing about the account.
    assert.deepEqual(new Set(statuses), new Set([401, 429]));
    assert.notEqual((await login('198.51.100.75', admin, request)).status, 200, 'and the client stays locked out');
  });

  it('refuses unknown networks after a distributed guess, while the owner’s usual network still gets in', async () => {
    const admin = await account();
    assert.equal((await login('192.0.2.1', admin)).status, 200, 'the owner signs in once from their newsroom');
    for (let n = 1; n <= 50; n += 1) await login(`10.${n}.0.1`, { ...admin, password: `botnet ${n}` });
    assert.equal((await login('10.200.0.1', { ...admin, password: 'one more guess' })).status, 401, 'a new network is refused unchecked');
    assert.equal((await login('10.201.0.1', admin)).status, 401, 'even with the right password: it could be a guess that hit');
    assert.equal((await login('192.0.2.1', admin)).status, 200, 'the newsroom network still signs in');
  });

  it('limits one client across accounts, and a successful sign-in clears the client’s failures for the account', async () => {
    const admin = await account();
    for (let i = 0; i < 4; i += 1) await login('198.51.100.9', { ...admin, password: `typo ${i}` });
    assert.equal((await login('198.51.100.9', admin)).status, 200);
    for (let i = 0; i < 4; i += 1) assert.equal((await login('198.51.100.9', { ...admin, password: `typo again ${i}` })).status, 401);
    const spray: number[] = [];
    for (let i = 0; i < 25; i += 1) spray.push((await login('198.51.100.10', { email: `nobody${i}@newsroom.example`, password: 'x' })).status);
    assert.equal(spray.at(-1), 401);
    for (let i = 0; i < 5; i += 1) spray.push((await login('198.51.100.10', { email: `nobody-more${i}@newsroom.example`, password: 'x' })).status);
    assert.equal((await login('198.51.100.10', admin)).status, 429, 'the 31st attempt of one client in the window');
  });
});
