// Ids beyond what a row can have (Prisma's Int, PostgreSQL's integer: 2,147,483,647). PostgreSQL refuses to compare an
// integer column with such a value, so each answered 500 there, in paths, bodies and cursors alike; SQLite found nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Response } from 'supertest';
import { approvedComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const TOO_LARGE = 2_147_483_648;
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

describe('an id no row can have', () => {
  it('is a 404, a 422 or a 400 wherever a client can send one, never a 500, on both databases', async () => {
    const { auth } = await signIn(ctx, 'admin');
    const top = (await approvedComment(ctx, 'big-ids')).comment.id;
    const cases: Array<[string, () => Promise<Response>, number]> = [
      ['own comment', () => ctx.request.get(`/api/v1/comments/${TOO_LARGE}`).set('X-Edit-Token', 'x'), 404],
      ['reply parent', () => ctx.request.post('/api/v1/threads/big-ids/comments').send({ body: 'A reply to nothing at all.', authorName: 'A', authorEmail: 'a@example.org', parentId: TOO_LARGE }), 422],
      ['flag', () => ctx.request.post(`/api/v1/comments/${TOO_LARGE}/flags`).send({ reason: 'spam' }), 404],
      ['reaction', () => ctx.request.post(`/api/v1/comments/${TOO_LARGE}/reactions`).send({}), 404],
      ['thread page cursor', () => ctx.request.get(`/api/v1/threads/big-ids/comments?cursor=${cursorOf(`c1:${TOO_LARGE}`)}`), 400],
      ['best page cursor', () => ctx.request.get(`/api/v1/threads/big-ids/comments?sort=best&cursor=${cursorOf(`b1:0.5:${TOO_LARGE}`)}`), 400],
      ['replies cursor', () => ctx.request.get(`/api/v1/threads/big-ids/comments/${top}/replies?cursor=${cursorOf(`r1:${TOO_LARGE}`)}`), 400],
      ['replies of', () => ctx.request.get(`/api/v1/threads/big-ids/comments/${TOO_LARGE}/replies`), 400],
      ['decision', () => ctx.request.post(`/api/v1/moderation/comments/${TOO_LARGE}/decision`).set('Authorization', auth).send({ action: 'approve' }), 404],
      ['bulk decision', () => ctx.request.post('/api/v1/moderation/decisions').set('Authorization', auth).send({ ids: [top, TOO_LARGE], action: 'approve' }), 422],
      ['queue item', () => ctx.request.get(`/api/v1/moderation/comments/${TOO_LARGE}`).set('Authorization', auth), 404],
      ['queue cursor', () => ctx.request.get(`/api/v1/moderation/comments?cursor=${TOO_LARGE}`).set('Authorization', auth), 400],
      ['queue cursor by risk', () => ctx.request.get(`/api/v1/moderation/comments?sort=riskiest&cursor=0.5:${TOO_LARGE}`).set('Authorization', auth), 400],
      ['log cursor', () => ctx.request.get(`/api/v1/moderation/log?cursor=${TOO_LARGE}`).set('Authorization', auth), 400],
      ['log of a comment', () => ctx.request.get(`/api/v1/moderation/log?commentId=${TOO_LARGE}`).set('Authorization', auth), 400],
      ['campaigns cursor', () => ctx.request.get(`/api/v1/moderation/campaigns?cursor=${TOO_LARGE}`).set('Authorization', auth), 400],
      ['account', () => ctx.request.get(`/api/v1/moderation/accounts/${TOO_LARGE}`).set('Authorization', auth), 404],
      ['no-JavaScript page', () => ctx.request.get(`/threads/big-ids?replyto=${TOO_LARGE}&replies=${TOO_LARGE}&report=${TOO_LARGE}`), 200],
    ];
    const answers = [];
    for (const [label, send] of cases) answers.push(`${label}: ${(await send()).status}`);
    assert.deepEqual(answers, cases.map(([label, , status]) => `${label}: ${status}`));
    // The largest id a row can have is an ordinary id that names nothing here.
    assert.equal((await ctx.request.get('/api/v1/comments/2147483647').set('X-Edit-Token', 'x')).status, 404);
  });
});
