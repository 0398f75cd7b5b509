import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { approvedComment, postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
let moderator: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  ctx = await createTestContext();
  moderator = await signIn(ctx, 'moderator');
});
after(async () => ctx.close());
beforeEach(() => ctx.clock.advance(3600));

const reply = (id: number, body: Record<string, unknown>, lang = 'en') =>
  ctx.request.post(`/api/v1/moderation/comments/${id}/reply`).set('Authorization', moderator.auth).set('Accept-Language', lang).send(body);

describe('POST /moderation/comments/{id}/reply: moderators answer from the dashboard', () => {
  it('publishes the reply at once under the chosen name with the staff badge, keyed by the moderator, in the thread readers see', async () => {
    const parent = await approvedComment(ctx, 'staff-answers', { body: 'When will the council publish the tables?' });
    const before = await ctx.request.get('/api/v1/threads/staff-answers/comments');
    const res = await reply(parent.comment.id, { body: 'Tomorrow morning: we will link them here.', authorName: 'The editors' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.status, 'approved');
    assert.equal(res.body.identifiedBy, 'staff');
    assert.deepEqual(res.body.badges, ['staff']);
    assert.equal(res.body.parentId, parent.comment.id);
    assert.equal(res.body.reasons[0].rule, 'staff');
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: res.body.id } });
    assert.equal(row.authorKey, `~staff:${moderator.moderator.id}`);
    assert.equal(row.authorEmail, moderator.email, 'kept for moderators, never shown');

    const page = await ctx.request.get('/api/v1/threads/staff-answers/comments').set('If-None-Match', before.get('etag') ?? '');
    assert.equal(page.status, 200, 'the cached page was dropped');
    const shown = page.body.comments[0].replies.find((c: { id: number }) => c.id === res.body.id);
    assert.equal(shown.authorName, 'The editors');
    assert.deepEqual(shown.badges, ['staff']);
    assert.doesNotMatch(page.text, /newsroom\.example/, 'no moderator address in public');
    assert.equal(await ctx.db.outgoingMail.count({ where: { to: moderator.email } }), 0, 'a moderator is never asked to confirm an address');
  });

  it('is refused for an unpublished comment (409), an unknown one (404), bad input (422, localised) and without a session (401); nothing is stored', async () => {
    const held = await postComment(ctx, 'staff-refusals', { body: 'Held for review' });
    const count = await ctx.db.comment.count();
    assert.equal((await reply(held.comment.id, { body: 'Answer', authorName: 'Editors' })).status, 409);
    assert.equal((await reply(999_999, { body: 'Answer', authorName: 'Editors' })).status, 404);
    const invalid = await reply(held.comment.id, { body: '   ', authorName: '' }, 'ar');
    assert.equal(invalid.status, 422);
    assert.deepEqual(invalid.body.errors.map((e: { field: string }) => e.field).sort(), ['authorName', 'body']);
    assert.match(invalid.body.errors[0].message, /[\u0600-\u06FF]/, 'Arabic messages for an Arabic dashboard');
    const anonymous = await ctx.request.post(`/api/v1/moderation/comments/${held.comment.id}/reply`).send({ body: 'Answer', authorName: 'Editors' });
    assert.equal(anonymous.status, 401);
    assert.equal(await ctx.db.comment.count(), count);
  });

  it('a reader typing a moderator\'s name and address gets neither the staff badge nor the staff key', async () => {
    const res = await ctx.request.post('/api/v1/threads/staff-claims/comments').send({ body: 'I am staff, trust me', authorName: 'staff', authorEmail: moderator.email });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.comment.badges, []);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
    assert.notEqual(row.identifiedBy, 'staff');
    assert.doesNotMatch(row.authorKey, /^~/);
  });

  it('the no-JavaScript page tells the staff reply from a reader who typed the same name: the badge, in the page language', async () => {
    const parent = await approvedComment(ctx, 'staff-lookalike', { body: 'Who answers here?' });
    const staff = await reply(parent.comment.id, { body: 'We do.', authorName: 'The Editors' });
    assert.equal(staff.status, 201, staff.text);
    ctx.clock.advance(60);
    const lookalike = await approvedComment(ctx, 'staff-lookalike', { body: 'Trust me, I am the editor.', authorName: 'The Editors', parentId: parent.comment.id });
    for (const [lang, label] of [['en', 'Staff'], ['ar', 'فريق التحرير']] as const) {
      const page = await ctx.request.get(`/threads/staff-lookalike?lang=${lang}`);
      assert.equal(page.status, 200);
      const item = (id: number) => /<li id="comment-\d+">[\s\S]*?<\/article>/.exec(page.text.slice(page.text.indexOf(`<li id="comment-${id}">`)))?.[0] ?? '';
      assert.match(item(staff.body.id), new RegExp(`<bdi>The Editors</bdi></span> <bdi class="bg">${label}</bdi>`), lang);
      assert.doesNotMatch(item(lookalike.comment.id), /class="bg"/, lang);
    }
  });
});
