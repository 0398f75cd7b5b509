import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { approvedComment, describeThread, postComment, restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { refuseUpdatesOfComment } from '../setup/database.js';

let ctx: TestContext;
let moderator: Awaited<ReturnType<typeof signIn>>;
let admin: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  ctx = await createTestContext({ TRUST_PROXY: 'true' });
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);
beforeEach(async () => {
  ctx.clock.advance(3600);
  // Fresh sessions: some tests move the clock past a session's lifetime.
  moderator = await signIn(ctx, 'moderator');
  admin = await signIn(ctx, 'admin');
});

const as = (who: { auth: string }) => ({
  get: (path: string) => ctx.request.get(path).set('Authorization', who.auth),
  post: (path: string, body: object = {}) => ctx.request.post(path).set('Authorization', who.auth).send(body),
  put: (path: string, body: object) => ctx.request.put(path).set('Authorization', who.auth).send(body),
  patch: (path: string, body: object) => ctx.request.patch(path).set('Authorization', who.auth).send(body),
});
const publicThread = async (key: string) => (await ctx.request.get(`/api/v1/threads/${key}/comments`)).body;

describe('the moderation queue', () => {
  it('refuses to judge or feature a comment its author deleted: 404 alone, not counted in bulk, and its replies stay shown', async () => {
    const parent = await approvedComment(ctx, 'decide-deleted');
    await approvedComment(ctx, 'decide-deleted', { parentId: parent.comment.id, body: 'a reply that stays' });
    assert.equal((await ctx.request.delete(`/api/v1/comments/${parent.comment.id}`).set('X-Edit-Token', parent.editToken)).status, 204);
    for (const action of ['reject', 'spam', 'approve']) {
      assert.equal((await as(moderator).post(`/api/v1/moderation/comments/${parent.comment.id}/decision`, { action })).status, 404, action);
    }
    assert.equal((await as(moderator).post(`/api/v1/moderation/comments/${parent.comment.id}/feature`, { featured: true })).status, 404);
    const pending = await postComment(ctx, 'decide-deleted', { body: 'a pending one' });
    const bulk = await as(moderator).post('/api/v1/moderation/decisions', { ids: [parent.comment.id, pending.comment.id], action: 'spam' });
    assert.equal(bulk.body.updated, 1, 'only the comment that was there to judge');
    const thread = await publicThread('decide-deleted');
    assert.deepEqual(
      thread.comments.map((c: { deleted: boolean; replies: Array<{ body: string }> }) => [c.deleted, c.replies.map((r) => r.body)]),
      [[true, ['a reply that stays']]],
    );
    assert.equal(thread.thread.commentCount, 1);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: parent.comment.id } })).status, 'approved');
  });

  it('answers 400 to a tampered cursor in every order, searched or not, never a 5xx', async () => {
    const huge = '9'.repeat(400);
    for (const sort of ['newest', 'riskiest', 'safest']) {
      for (const cursor of [`${huge}:5`, `1e-9999:5`, `${huge}`, '0.5:9999999999999999', 'NaN:5', 'Infinity:5']) {
        for (const q of ['', '&q=budget']) {
          const res = await as(moderator).get(`/api/v1/moderation/comments?status=pending&sort=${sort}${q}&cursor=${encodeURIComponent(cursor)}`);
          assert.equal(res.status, 400, `${sort} ${cursor}${q}: ${res.status}`);
        }
      }
      // What the queue itself hands out still pages.
      const page = await as(moderator).get(`/api/v1/moderation/comments?status=pending&sort=${sort}&cursor=${encodeURIComponent('0.123456789012345:7')}`);
      assert.equal(page.status, 200);
    }
  });

  it('lists pending comments newest first with email, status, reasons and thread; filters and pages', async () => {
    const first = await postComment(ctx, 'queue-a', { body: 'first pending' });
    await describeThread(ctx, 'queue-a', { title: 'Queue A', url: 'https://news.example/a' });
    const second = await postComment(ctx, 'queue-b', { body: 'second pending, about budgets' });
    const res = await as(moderator).get('/api/v1/moderation/comments?status=pending&limit=1');
    assert.equal(res.status, 200);
    assert.equal(res.body.items.length, 1);
    const item = res.body.items[0];
    assert.equal(item.id, second.comment.id);
    assert.equal(item.status, 'pending');
    assert.match(item.authorEmail, /@example\.org$/);
    assert.deepEqual(item.reasons, [
      { rule: 'premoderation', vote: 'hold', detail: 'Every comment is reviewed before publication.', explain: { key: 'premoderation.all' } },
    ]);
    assert.equal(item.thread.key, 'queue-b');
    // SPEC section 4: `{ ...comment, … }`, every field of a PublicComment (replies an empty list: they are items of their own).
    const published = (await ctx.request.post('/api/v1/threads/queue-keys/comments').send({ body: 'only its keys matter', authorName: 'K', authorEmail: 'k@example.org' })).body.comment;
    assert.deepEqual(Object.keys(published).filter((key) => !(key in item)), []);
    assert.deepEqual(item.replies, []);
    const next = await as(moderator).get(`/api/v1/moderation/comments?status=pending&limit=1&cursor=${res.body.nextCursor}`);
    assert.equal(next.body.items[0].id, first.comment.id);
    assert.deepEqual(next.body.items[0].thread, { key: 'queue-a', title: 'Queue A', url: 'https://news.example/a' });
    const byThread = await as(moderator).get('/api/v1/moderation/comments?status=pending&threadKey=queue-a');
    assert.deepEqual(byThread.body.items.map((i: { id: number }) => i.id), [first.comment.id]);
    const search = await as(moderator).get('/api/v1/moderation/comments?status=pending&q=budgets');
    assert.deepEqual(search.body.items.map((i: { id: number }) => i.id), [second.comment.id]);
    const counts = await as(moderator).get('/api/v1/moderation/counts');
    assert.ok(counts.body.counts.pending >= 2);
    assert.equal((await as(moderator).get('/api/v1/moderation/comments?status=deleted')).status, 400);
  });

  it('shows matched words with where they matched', async () => {
    await setPolicy(ctx, { bannedWords: ['scoundrel'] });
    const posted = await postComment(ctx, 'queue-words', { body: 'You s.c.o.u.n.d.r.e.l!' });
    const res = await as(moderator).get('/api/v1/moderation/comments?status=rejected');
    const item = res.body.items.find((i: { id: number }) => i.id === posted.comment.id);
    const reason = item.reasons.find((r: { rule: string }) => r.rule === 'banned_words');
    assert.equal(reason.vote, 'reject');
    assert.deepEqual(reason.hits[0], { field: 'body', entry: 'scoundrel', matched: 's.c.o.u.n.d.r.e.l', start: 4, end: 21 });
    assert.deepEqual(reason.explain, { key: 'words.banned', params: { words: 's.c.o.u.n.d.r.e.l' } });
  });
});

describe('decisions', () => {
  it('approving publishes the comment at once, and the decision is logged with the moderator', async () => {
    const posted = await postComment(ctx, 'decide');
    assert.equal((await publicThread('decide')).comments.length, 0);
    const res = await as(moderator).post(`/api/v1/moderation/comments/${posted.comment.id}/decision`, { action: 'approve', note: 'fine' });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'approved');
    assert.equal((await publicThread('decide')).comments.length, 1);
    const log = await as(moderator).get(`/api/v1/moderation/log?commentId=${posted.comment.id}`);
    assert.deepEqual(
      log.body.items.map((d: { actor: string; fromStatus: string | null; toStatus: string; moderator: { email: string } | null; note: string | null }) => [d.actor, d.fromStatus, d.toStatus, d.moderator?.email ?? null, d.note]),
      [
        ['moderator', 'pending', 'approved', moderator.email, 'fine'],
        ['pipeline', null, 'pending', null, null],
      ],
    );
    const reject = await as(moderator).post(`/api/v1/moderation/comments/${posted.comment.id}/decision`, { action: 'reject' });
    assert.equal(reject.body.status, 'rejected');
    assert.equal((await publicThread('decide')).comments.length, 0, 'a rejection removes it from the public thread at once');
  });

  it('answers 409 when expectedStatus no longer holds, and changes nothing', async () => {
    const posted = await postComment(ctx, 'stale');
    await as(admin).post(`/api/v1/moderation/comments/${posted.comment.id}/decision`, { action: 'spam' });
    const stale = await as(moderator).post(`/api/v1/moderation/comments/${posted.comment.id}/decision`, { action: 'approve', expectedStatus: 'pending' });
    assert.equal(stale.status, 409);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id } })).status, 'spam');
  });

  it('answers 404 for an unknown comment and 422 for a bad action', async () => {
    assert.equal((await as(moderator).post('/api/v1/moderation/comments/99999999/decision', { action: 'approve' })).status, 404);
    assert.equal((await as(moderator).post('/api/v1/moderation/comments/1/decision', { action: 'delete' })).status, 422);
  });

  it('says what is wrong with a request, with its bound, in both languages: a field missing, too few or too many ids, a note too long', async () => {
    const errorsOf = async (path: string, body: object, lang = 'en') =>
      (await as(moderator).post(path, body).set('Accept-Language', lang)).body.errors.map((e: { field: string; code: string; message: string }) => [e.field, e.code, e.message]);
    assert.deepEqual(await errorsOf('/api/v1/moderation/decisions', { ids: [1] }), [['action', 'required', 'This field is required.']]);
    assert.deepEqual(await errorsOf('/api/v1/moderation/decisions', { ids: [1] }, 'ar'), [['action', 'required', 'هذا الحقل مطلوب.']]);
    assert.deepEqual(await errorsOf('/api/v1/moderation/decisions', { ids: [], action: 'approve' }), [['ids', 'invalid', 'Too few: at least 1.']]);
    const many = Array.from({ length: 501 }, (_, i) => i + 1);
    assert.deepEqual(await errorsOf('/api/v1/moderation/decisions', { ids: many, action: 'approve' }), [['ids', 'too_long', 'Too many: at most 500.']]);
    assert.deepEqual(await errorsOf('/api/v1/moderation/decisions', { ids: many, action: 'approve' }, 'ar'), [['ids', 'too_long', 'أكثر من اللازم: الحد الأقصى 500.']]);
    assert.deepEqual(await errorsOf('/api/v1/moderation/decisions', { ids: [1], action: 'approve', note: 'x'.repeat(2000) }), [['note', 'too_long', 'Too long: at most 1000 characters.']]);
  });

  it('a bulk decision with expectedStatus leaves alone (and lists) what another moderator decided meanwhile', async () => {
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await postComment(ctx, 'bulk-expected')).comment.id);
    assert.equal((await as(admin).post(`/api/v1/moderation/comments/${ids[1]}/decision`, { action: 'spam', expectedStatus: 'pending' })).status, 200);
    const bulk = await as(moderator).post('/api/v1/moderation/decisions', { ids, action: 'approve', expectedStatus: 'pending' });
    assert.equal(bulk.status, 200, bulk.text);
    assert.deepEqual([bulk.body.updated, bulk.body.skipped, bulk.body.missing], [2, [ids[1]], []]);
    const statuses = await ctx.db.comment.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' }, select: { status: true } });
    assert.deepEqual(statuses.map((row) => row.status), ['approved', 'spam', 'approved'], "the other moderator's decision stands");
    assert.equal((await as(moderator).post('/api/v1/moderation/decisions', { ids, action: 'approve', expectedStatus: 'nonsense' })).status, 422);
  });

  it('a bulk decision lists a comment its author deleted meanwhile as missing, and changes nothing of it', async () => {
    const kept = await postComment(ctx, 'bulk-deleted');
    const deleted = await postComment(ctx, 'bulk-deleted');
    assert.equal((await ctx.request.delete(`/api/v1/comments/${deleted.comment.id}`).set('X-Edit-Token', deleted.editToken)).status, 204);
    const bulk = await as(moderator).post('/api/v1/moderation/decisions', { ids: [kept.comment.id, deleted.comment.id], action: 'reject', expectedStatus: 'pending' });
    assert.equal(bulk.status, 200, bulk.text);
    assert.deepEqual([bulk.body.updated, bulk.body.skipped, bulk.body.missing], [1, [], [deleted.comment.id]]);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: deleted.comment.id } })).status, 'pending');
  });

  it('decides in bulk in one transaction and undoes the batch in one call', async () => {
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await postComment(ctx, 'bulk')).comment.id);
    // Ids in any order, repeated, or of no comment: each comment is decided once.
    const bulk = await as(moderator).post('/api/v1/moderation/decisions', { ids: [ids[2], ...ids, 99999999, ids[0]], action: 'approve' });
    assert.equal(bulk.status, 200);
    assert.equal(bulk.body.updated, 3);
    assert.deepEqual(bulk.body.skipped, [], 'without expectedStatus nothing is skipped');
    assert.deepEqual(bulk.body.missing, [99999999], 'an id of no comment is listed as missing');
    assert.match(bulk.body.batchId, /^[0-9a-f-]{36}$/);
    // The rows are written as Prisma writes them: the same time reads back, and compares equal in a query.
    const decidedAt = ctx.clock.now();
    const written = await ctx.db.comment.findMany({ where: { id: { in: ids }, updatedAt: decidedAt }, select: { updatedAt: true, status: true } });
    assert.deepEqual(written, ids.map(() => ({ updatedAt: decidedAt, status: 'approved' })));
    assert.equal(await ctx.db.decision.count({ where: { batchId: bulk.body.batchId } }), 3);
    assert.equal((await publicThread('bulk')).comments.length, 3);
    // Someone rejects one of them before the undo: the undo must not overwrite that newer decision.
    await as(admin).post(`/api/v1/moderation/comments/${ids[0]}/decision`, { action: 'reject' });
    const undo = await as(moderator).post(`/api/v1/moderation/decisions/${bulk.body.batchId}/undo`);
    assert.equal(undo.status, 200);
    assert.equal(undo.body.restored, 2);
    assert.deepEqual(undo.body.skipped, [ids[0]]);
    const statuses = await ctx.db.comment.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' }, select: { status: true } });
    assert.deepEqual(statuses.map((s) => s.status), ['rejected', 'pending', 'pending']);
    assert.equal((await publicThread('bulk')).comments.length, 0);
    const log = await as(moderator).get('/api/v1/moderation/log?limit=2');
    const undone = log.body.items as Array<{ commentId: number; fromStatus: string; toStatus: string; note: string; batchId: string }>;
    assert.deepEqual(
      undone.map((d) => [d.commentId, d.fromStatus, d.toStatus, d.note, d.batchId]).sort(([a], [b]) => Number(a) - Number(b)),
      [ids[1], ids[2]].map((id) => [id, 'approved', 'pending', `undo of batch ${bulk.body.batchId}`, undo.body.batchId]),
    );
    // Undone again, what the undo left (decided since) stays, and the answer says the batch was undone.
    const rest = await as(moderator).post(`/api/v1/moderation/decisions/${bulk.body.batchId}/undo`);
    assert.deepEqual([rest.status, rest.body.detail], [409, 'This batch was already undone.']);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: ids[0] } })).status, 'rejected');
    // A batch undone whole, undone again, is told so; a batch id nobody made is not found.
    const whole = await as(moderator).post('/api/v1/moderation/decisions', { ids: [ids[1]], action: 'spam' });
    assert.equal((await as(moderator).post(`/api/v1/moderation/decisions/${whole.body.batchId}/undo`)).status, 200);
    const again = await as(moderator).post(`/api/v1/moderation/decisions/${whole.body.batchId}/undo`).set('Accept-Language', 'ar');
    assert.deepEqual([again.status, again.body.detail], [409, 'سبق التراجع عن هذه الدفعة.']);
    assert.equal((await as(moderator).post('/api/v1/moderation/decisions/7d4c2f6e-0b1a-4c3d-9e8f-123456789abc/undo')).status, 404);
  });

  it("an undo leaves alone a comment decided since, even one brought back to the batch's status, and a pick taken back since", async () => {
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await postComment(ctx, 'bulk-since')).comment.id);
    const bulk = await as(moderator).post('/api/v1/moderation/decisions', { ids, action: 'reject' });
    assert.equal(bulk.body.updated, 3);
    // Another moderator approves one, then rejects it again after a second look: the reject is theirs, not the batch's.
    for (const action of ['approve', 'reject']) assert.equal((await as(admin).post(`/api/v1/moderation/comments/${ids[0]}/decision`, { action })).status, 200);
    const undo = await as(moderator).post(`/api/v1/moderation/decisions/${bulk.body.batchId}/undo`);
    assert.deepEqual([undo.body.restored, undo.body.skipped], [2, [ids[0]]]);
    const statuses = await ctx.db.comment.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' }, select: { status: true } });
    assert.deepEqual(statuses.map((s) => s.status), ['rejected', 'pending', 'pending']);

    // The same for an editor's pick: featured, taken back and featured again by someone else.
    const pick = await approvedComment(ctx, 'bulk-since');
    const feature = (who: typeof moderator, featured: boolean) => as(who).post(`/api/v1/moderation/comments/${pick.comment.id}/feature`, { featured });
    assert.equal((await feature(moderator, true)).status, 200);
    const firstPick = (await as(moderator).get(`/api/v1/moderation/log?commentId=${pick.comment.id}`)).body.items[0].batchId as string;
    for (const featured of [false, true]) assert.equal((await feature(admin, featured)).status, 200);
    const featuredAt = (await ctx.db.comment.findUniqueOrThrow({ where: { id: pick.comment.id } })).featuredAt;
    const undoPick = await as(moderator).post(`/api/v1/moderation/decisions/${firstPick}/undo`);
    assert.deepEqual([undoPick.body.restored, undoPick.body.skipped], [0, [pick.comment.id]]);
    assert.deepEqual((await ctx.db.comment.findUniqueOrThrow({ where: { id: pick.comment.id } })).featuredAt, featuredAt);
  });

  it("a moderator who confirms the rules' rejection is logged with their note, teaches the classifier, and a batch undo leaves the comment alone", async () => {
    await setPolicy(ctx, { bannedWords: ['scoundrel'] });
    const byRules = await postComment(ctx, 'confirm-rules', { body: 'You scoundrel, you' });
    assert.equal(byRules.status, 'rejected');
    const decided = async () => (await as(admin).get('/api/v1/moderation/model/status')).body.decided.abusive as number;
    const learned = await decided();
    const log = async (id: number) =>
      (await as(moderator).get(`/api/v1/moderation/log?commentId=${id}`)).body.items as Array<{ action: string | null; fromStatus: string; toStatus: string; note: string | null; moderator: { email: string } | null }>;

    // The queue says whose word the status is: the rules' until a moderator confirms it.
    const decidedByModerator = async (id: number) => (await as(moderator).get(`/api/v1/moderation/comments/${id}`)).body.decidedByModerator as boolean;
    assert.equal(await decidedByModerator(byRules.comment.id), false);
    const confirmed = await as(moderator).post(`/api/v1/moderation/comments/${byRules.comment.id}/decision`, { action: 'reject', expectedStatus: 'rejected' });
    assert.equal(confirmed.status, 200);
    assert.deepEqual([confirmed.body.status, confirmed.body.decidedByModerator], ['rejected', true]);
    assert.equal(await decidedByModerator(byRules.comment.id), true);
    const [entry] = await log(byRules.comment.id);
    assert.deepEqual([entry?.action, entry?.fromStatus, entry?.toStatus, entry?.moderator?.email], ['confirm', 'rejected', 'rejected', moderator.email]);
    assert.equal(await decided(), learned + 1, 'a label now');
    // Confirming it again says nothing new; with a note it does, and the note is kept.
    await as(admin).post(`/api/v1/moderation/comments/${byRules.comment.id}/decision`, { action: 'reject' });
    assert.equal((await log(byRules.comment.id)).length, 2);
    await as(admin).post(`/api/v1/moderation/comments/${byRules.comment.id}/decision`, { action: 'reject', note: 'insult, as the list says' });
    assert.equal((await log(byRules.comment.id))[0]?.note, 'insult, as the list says');
    assert.equal(await decided(), learned + 1, 'still one comment');

    // A comment in a batch that a moderator then confirms on its own is theirs: undoing the batch leaves it.
    const ids = [(await postComment(ctx, 'confirm-rules', { body: 'First held one' })).comment.id, (await postComment(ctx, 'confirm-rules', { body: 'Second held one' })).comment.id];
    const bulk = await as(moderator).post('/api/v1/moderation/decisions', { ids, action: 'reject' });
    assert.equal((await as(admin).post(`/api/v1/moderation/comments/${ids[0]}/decision`, { action: 'reject', note: 'looked again: rejected' })).status, 200);
    const undo = await as(moderator).post(`/api/v1/moderation/decisions/${bulk.body.batchId}/undo`);
    assert.deepEqual([undo.body.restored, undo.body.skipped], [1, [ids[0]]]);
    // An undo restores what the rules decided; it judges nothing, so it teaches nothing, and a confirmation after it counts.
    const undone = await postComment(ctx, 'confirm-rules', { body: 'Another scoundrel here' });
    const approved = await as(moderator).post('/api/v1/moderation/decisions', { ids: [undone.comment.id], action: 'approve', expectedStatus: 'rejected' });
    assert.equal((await as(moderator).post(`/api/v1/moderation/decisions/${approved.body.batchId}/undo`)).status, 200);
    assert.equal((await log(undone.comment.id))[0]?.action, 'undo');
    assert.equal(await decidedByModerator(undone.comment.id), false, "the undo gave the rules' status back");
    // An undo that puts back a moderator's own rejection leaves it theirs: nothing to confirm, and confirming records nothing.
    // Its label comes back with it.
    const byHand = await postComment(ctx, 'confirm-rules', { body: 'Rejected by hand' });
    const rejectedBefore = await decided();
    await as(moderator).post(`/api/v1/moderation/comments/${byHand.comment.id}/decision`, { action: 'reject' });
    const approvedByBatch = await as(moderator).post('/api/v1/moderation/decisions', { ids: [byHand.comment.id], action: 'approve' });
    assert.equal(await decided(), rejectedBefore);
    assert.equal((await as(moderator).post(`/api/v1/moderation/decisions/${approvedByBatch.body.batchId}/undo`)).body.restored, 1);
    assert.equal(await decidedByModerator(byHand.comment.id), true);
    assert.equal(await decided(), rejectedBefore + 1, 'a label again');
    const entries = (await log(byHand.comment.id)).length;
    await as(admin).post(`/api/v1/moderation/comments/${byHand.comment.id}/decision`, { action: 'reject' });
    assert.equal((await log(byHand.comment.id)).length, entries);
    const page = await as(moderator).get('/api/v1/moderation/comments?status=rejected&threadKey=confirm-rules');
    const listed = new Map((page.body.items as Array<{ id: number; decidedByModerator: boolean }>).map((item) => [item.id, item.decidedByModerator]));
    assert.deepEqual([listed.get(undone.comment.id), listed.get(byRules.comment.id), listed.get(ids[0]!)], [false, true, true]);
    const beforeConfirming = await decided();
    assert.equal((await as(moderator).post(`/api/v1/moderation/comments/${undone.comment.id}/decision`, { action: 'reject' })).status, 200);
    assert.equal((await log(undone.comment.id))[0]?.action, 'confirm');
    assert.equal(await decided(), beforeConfirming + 1);
    // Nothing to confirm while a comment waits.
    const waiting = await postComment(ctx, 'confirm-rules', { body: 'Third held one' });
    assert.equal((await as(moderator).post(`/api/v1/moderation/comments/${waiting.comment.id}/decision`, { action: 'pending', note: 'hm' })).status, 200);
    assert.equal((await log(waiting.comment.id)).length, 1, 'only the rules\' entry');
  });

  it("a comment kept in spam through its author's edit is no longer the moderator's word: it may be confirmed, and is no label until it is", async () => {
    const posted = await postComment(ctx, 'spam-edited', { body: 'Cheap watches for everyone' });
    const spamLabels = async () => (await as(admin).get('/api/v1/moderation/model/status')).body.decided.spam as number;
    const item = async () => (await as(moderator).get(`/api/v1/moderation/comments/${posted.comment.id}`)).body as { status: string; decidedByModerator: boolean };
    const before = await spamLabels();
    assert.equal((await as(moderator).post(`/api/v1/moderation/comments/${posted.comment.id}/decision`, { action: 'spam' })).status, 200);
    assert.equal((await item()).decidedByModerator, true);
    assert.equal(await spamLabels(), before + 1);
    ctx.clock.advance(60);
    const edited = await ctx.request.patch(`/api/v1/comments/${posted.comment.id}`).set('X-Edit-Token', posted.editToken).send({ body: 'A perfectly ordinary remark now' });
    assert.equal(edited.status, 200, edited.text);
    // Still spam (an edit does not take a comment out of it), but on text no moderator read.
    assert.deepEqual(await item(), { ...(await item()), status: 'spam', decidedByModerator: false });
    assert.equal(await spamLabels(), before, 'the mark was on the old text');
    ctx.clock.advance(60);
    const confirmed = await as(moderator).post(`/api/v1/moderation/comments/${posted.comment.id}/decision`, { action: 'spam', expectedStatus: 'spam' });
    assert.deepEqual([confirmed.status, confirmed.body.decidedByModerator], [200, true]);
    const [entry] = (await as(moderator).get(`/api/v1/moderation/log?commentId=${posted.comment.id}`)).body.items as Array<{ action: string | null }>;
    assert.equal(entry?.action, 'confirm');
    assert.equal(await spamLabels(), before + 1);
  });

  it("an undo at the same moment as moderators' own decisions never overwrites them, nor restores anything twice", async () => {
    const ids = [];
    for (let i = 0; i < 12; i += 1) ids.push((await postComment(ctx, 'undo-race')).comment.id);
    const bulk = await as(moderator).post('/api/v1/moderation/decisions', { ids, action: 'reject' });
    assert.equal(bulk.body.updated, ids.length);
    ctx.clock.advance(1);
    // Each comment's decision comes before or after the undo: either way it is the last word, so every one ends rejected.
    const undos = [0, 1].map(() => as(moderator).post(`/api/v1/moderation/decisions/${bulk.body.batchId}/undo`));
    const decisions = ids.map((id) => as(admin).post(`/api/v1/moderation/comments/${id}/decision`, { action: 'reject', note: 'checked again: rejected' }));
    const [answers] = await Promise.all([Promise.all(undos), Promise.all(decisions)]);
    const statuses = await ctx.db.comment.findMany({ where: { id: { in: ids } }, select: { status: true } });
    assert.deepEqual(statuses.map((row) => row.status), ids.map(() => 'rejected'));
    // One undo restores what it still may; the other, at the same moment, restores nothing twice (409 once the first
    // restored some; 200 with nothing restored when the decisions all came first).
    assert.ok(answers.every((answer) => answer.status === 409 || answer.status === 200), JSON.stringify(answers.map((answer) => answer.status)));
    assert.ok(answers.filter((answer) => answer.status === 200 && answer.body.restored > 0).length <= 1);
  });

  it('records one pick when two moderators pick a comment at the same moment', async () => {
    const ids = [];
    for (let i = 0; i < 6; i += 1) ids.push((await approvedComment(ctx, 'pick-race')).comment.id);
    ctx.clock.advance(1);
    const picks = ids.flatMap((id) => [moderator, admin].map((who) => as(who).post(`/api/v1/moderation/comments/${id}/feature`, { featured: true })));
    assert.deepEqual([...new Set((await Promise.all(picks)).map((answer) => answer.status))], [200]);
    for (const id of ids) assert.equal(await ctx.db.decision.count({ where: { commentId: id, action: 'feature' } }), 1, `comment ${id}`);
  });

  it('decides and undoes a bulk of 250 comments, read a hundred at a time, each exactly once', async () => {
    const now = ctx.clock.now();
    const thread = await ctx.db.thread.create({ data: { key: 'bulk-250', createdAt: now } });
    await ctx.db.author.create({ data: { emailKey: 'bulk250@example.org', createdAt: now } });
    const rows = Array.from({ length: 250 }, (_, i) => ({
      threadId: thread.id,
      body: `Pending comment ${i} of a long bulk.`,
      authorName: 'Reader',
      authorEmail: 'bulk250@example.org',
      authorKey: 'bulk250@example.org',
      status: 'pending' as const,
      reasons: [],
      bodyHash: `bulk-250-${i}`,
      editTokenHash: 'x',
      createdAt: now,
      updatedAt: now,
    }));
    await ctx.db.comment.createMany({ data: rows });
    const ids = (await ctx.db.comment.findMany({ where: { threadId: thread.id }, orderBy: { id: 'asc' }, select: { id: true } })).map((row) => row.id);
    // Repeated ids on both sides of a hundred's boundary, and one of no comment.
    const bulk = await as(moderator).post('/api/v1/moderation/decisions', { ids: [...ids, ids[0], ids[150], 99999999], action: 'approve' });
    assert.equal(bulk.status, 200);
    assert.equal(bulk.body.updated, 250);
    assert.equal(await ctx.db.decision.count({ where: { batchId: bulk.body.batchId } }), 250);
    assert.equal(await ctx.db.comment.count({ where: { threadId: thread.id, status: 'approved' } }), 250);
    const undo = await as(moderator).post(`/api/v1/moderation/decisions/${bulk.body.batchId}/undo`);
    assert.deepEqual([undo.status, undo.body.restored, undo.body.skipped], [200, 250, []]);
    assert.equal(await ctx.db.comment.count({ where: { threadId: thread.id, status: 'pending' } }), 250);
  });

  it('rolls a bulk decision back whole when it fails part way', async () => {
    const ids = [(await postComment(ctx, 'bulk-atomic')).comment.id, (await postComment(ctx, 'bulk-atomic')).comment.id];
    const decisionsBefore = await ctx.db.decision.count();
    const deliveriesBefore = await ctx.db.webhookDelivery.count();
    // The database refuses the second comment's update, after the first one has been written in the same transaction.
    const lift = await refuseUpdatesOfComment(ctx.db, ctx.config.DATABASE_URL, ids[1] as number);
    try {
      const res = await as(moderator).post('/api/v1/moderation/decisions', { ids, action: 'approve' });
      assert.equal(res.status, 500);
    } finally {
      await lift();
    }
    const statuses = await ctx.db.comment.findMany({ where: { id: { in: ids } }, select: { status: true } });
    assert.deepEqual(statuses.map((row) => row.status), ['pending', 'pending'], 'the first comment is not approved alone');
    assert.equal(await ctx.db.decision.count(), decisionsBefore, 'no decision logged');
    assert.equal(await ctx.db.webhookDelivery.count(), deliveriesBefore, 'nothing announced');
    assert.equal((await publicThread('bulk-atomic')).comments.length, 0);
    // The failure was logged as it should be; that line is expected here.
    const logged = ctx.errorLogs.findIndex((line) => line.includes('refused by the test'));
    assert.ok(logged >= 0);
    ctx.errorLogs.splice(logged, 1);
  });
});

describe('authors, threads and flags', () => {
  it('sends a banned author to spam and approves a trusted one', async () => {
    assert.equal((await as(moderator).put('/api/v1/moderation/authors/Troll%40Example.org', { status: 'banned' })).status, 200);
    assert.equal((await as(moderator).put('/api/v1/moderation/authors/friend%40example.org', { status: 'trusted' })).status, 200);
    const banned = await postComment(ctx, 'authors', { authorEmail: 'troll@example.org' });
    assert.equal(banned.status, 'pending', 'spam is told to its poster as pending');
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: banned.comment.id } })).status, 'spam');
    // Trust belongs to the proven owner: the friend's first comment, approved by a moderator, made their key count.
    const first = await postComment(ctx, 'authors', { authorEmail: 'friend@example.org' });
    await as(moderator).post(`/api/v1/moderation/comments/${first.comment.id}/decision`, { action: 'approve' });
    const trusted = await postComment(ctx, 'authors', { authorEmail: 'friend@example.org', commenterKey: first.commenterKey, body: 'a http://a.example b http://b.example c http://c.example' });
    assert.equal(trusted.status, 'approved');
    assert.equal((await as(moderator).put('/api/v1/moderation/authors/not-an-email', { status: 'banned' })).status, 422);
  });

  it('closes and reopens a thread, and auto-closes old threads', async () => {
    await postComment(ctx, 'closing');
    assert.equal((await as(moderator).patch('/api/v1/moderation/threads/closing', { closed: true })).body.thread.closed, true);
    assert.equal((await publicThread('closing')).thread.closed, true);
    assert.equal((await ctx.request.post('/api/v1/threads/closing/comments').send({ body: 'x', authorName: 'y', authorEmail: 'z@example.org' })).status, 403);
    await as(moderator).patch('/api/v1/moderation/threads/closing', { closed: false });
    assert.equal((await publicThread('closing')).thread.closed, false);

    await setPolicy(ctx, { autoCloseAfterDays: 2 });
    ctx.clock.advance(3 * 86400);
    const res = await ctx.request.post('/api/v1/threads/closing/comments').send({ body: 'late', authorName: 'y', authorEmail: 'late@example.org' });
    assert.equal(res.status, 403);
    assert.equal((await publicThread('closing')).thread.closed, true);
  });

  it('queues a flagged comment with its flags; approving it again puts it back', async () => {
    const { comment } = await approvedComment(ctx, 'flagged');
    for (const ip of ['192.0.2.71', '192.0.2.72', '192.0.2.73']) {
      await ctx.request.post(`/api/v1/comments/${comment.id}/flags`).set('X-Forwarded-For', ip).send({ reason: 'abuse', note: `from ${ip}` });
      ctx.clock.advance(600); // flags in one burst count once
    }
    const queue = await as(moderator).get('/api/v1/moderation/comments?status=flagged');
    const item = queue.body.items.find((i: { id: number }) => i.id === comment.id);
    assert.equal(item.flags.length, 3);
    assert.equal(item.flags[0].reason, 'abuse');
    await as(moderator).post(`/api/v1/moderation/comments/${comment.id}/decision`, { action: 'approve' });
    assert.equal((await publicThread('flagged')).comments.length, 1);
  });
});

describe('first-time premoderation and known authors', () => {
  it('releases later comments only with the author\'s commenterKey; a typed email is not enough', async () => {
    await setPolicy(ctx, { premoderation: 'first-time' });
    const author = { authorEmail: 'regular@example.org', authorName: 'Regular' };
    const first = await postComment(ctx, 'first-time', author);
    assert.equal(first.status, 'pending');
    await as(moderator).post(`/api/v1/moderation/comments/${first.comment.id}/decision`, { action: 'approve' });

    const impostor = await postComment(ctx, 'first-time', { ...author, body: 'Pretending to be Regular' });
    assert.equal(impostor.status, 'pending', 'same name and email typed by anyone stays held');
    const forged = await postComment(ctx, 'first-time', { ...author, body: 'Forged key', commenterKey: 'ck2.m.forgedforgedforgedforgedforged' });
    assert.equal(forged.status, 'pending');
    const otherKey = (await postComment(ctx, 'first-time', { authorEmail: 'other@example.org' })).commenterKey;
    assert.equal((await postComment(ctx, 'first-time', { ...author, body: 'Someone else’s key', commenterKey: otherKey })).status, 'pending');

    const known = await postComment(ctx, 'first-time', { ...author, body: 'Really me', commenterKey: first.commenterKey });
    assert.equal(known.status, 'approved');
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: known.comment.id } });
    assert.equal(row.knownAuthor, true);
  });
});

describe('settings', () => {
  it('GET returns the policy; PUT validates it and changes moderation at once (admins only)', async () => {
    await ctx.db.setting.deleteMany();
    const current = await as(moderator).get('/api/v1/moderation/settings');
    assert.equal(current.status, 200);
    assert.equal(current.body.premoderation, 'all');
    assert.ok(current.body.bannedWords.length > 100, 'the default lists are there');
    assert.equal(current.body.maxLinks, 2);

    const bad = await as(admin).put('/api/v1/moderation/settings', { ...current.body, maxLinks: -1, premoderation: 'sometimes' });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).sort(), ['maxLinks', 'premoderation']);
    // A number out of its range is told its bound, in the admin's language.
    const bounds = async (policy: object, lang: string) =>
      ((await as(admin).put('/api/v1/moderation/settings', { ...current.body, ...policy }).set('Accept-Language', lang)).body.errors as Array<{ field: string; code: string; message: string }>).map((e) => [e.field, e.code, e.message]);
    assert.deepEqual(await bounds({ maxLinks: -1, flagThreshold: 5000 }, 'en'), [['maxLinks', 'too_small', 'Must be at least 0.'], ['flagThreshold', 'too_big', 'Must be at most 1000.']]);
    assert.deepEqual(await bounds({ maxLinks: -1 }, 'ar'), [['maxLinks', 'too_small', 'يجب ألا يقل عن 0.']]);
    // Rejecting below the hold threshold would reject what the policy holds for a moderator.
    const disordered = await as(admin).put('/api/v1/moderation/settings', { ...current.body, classifierHoldAbove: 0.95, classifierRejectAbove: 0.5 }).set('Accept-Language', 'ar');
    assert.equal(disordered.status, 422);
    assert.deepEqual(disordered.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]), [['classifierRejectAbove', 'يجب أن تكون عتبة الرفض مساوية لعتبة الحجز أو أعلى منها.']]);
    assert.equal((await as(admin).put('/api/v1/moderation/settings', { ...current.body, classifierHoldAbove: 0.8, classifierRejectAbove: 0.8 })).status, 200, 'equal is in order');
    // Entries that fold to nothing (a lone fathatan, a tatweel, punctuation, a zero-width space) could never match: refused, by place.
    const stored = await ctx.db.setting.findMany();
    const empty = await as(admin)
      .put('/api/v1/moderation/settings', { ...current.body, bannedWords: ['scoundrel', '\u064b', 'ـ'], suspectWords: ['.', '\u200b', 'casino'] })
      .set('Accept-Language', 'ar');
    assert.equal(empty.status, 422);
    assert.deepEqual(
      empty.body.errors.map((e: { field: string }) => e.field),
      ['bannedWords.1', 'bannedWords.2', 'suspectWords.0', 'suspectWords.1'],
    );
    assert.match(empty.body.errors[0].message, /^لا يحوي هذا المدخل حرفًا أو رقمًا/);
    assert.deepEqual(await ctx.db.setting.findMany(), stored, 'nothing saved');
    // A lone letter or digit is a word in too many ordinary comments ("a", "و"); a blank entry matches nothing. The
    // preview refuses what saving would, naming the same fields, with the same messages.
    const lone = await as(admin).post('/api/v1/moderation/settings/preview', { policy: { bannedWords: ['scoundrel', 'a', ' ', 'و', '7', 'ab', 'א', '中'] } });
    assert.equal(lone.status, 422);
    assert.deepEqual(
      lone.body.errors.map((e: { field: string; message: string }) => [e.field, e.message.split(':')[0]]),
      [
        ['bannedWords.1', 'A single letter or digit is a word in too many ordinary comments'],
        ['bannedWords.2', 'This entry has no letter or digit that a comment could match (a lone diacritic, tatweel, punctuation or invisible character)'],
        ['bannedWords.3', 'A single letter or digit is a word in too many ordinary comments'],
        ['bannedWords.4', 'A single letter or digit is a word in too many ordinary comments'],
        ['bannedWords.6', 'A single letter or digit is a word in too many ordinary comments'],
      ],
    );
    const loneSaved = await as(admin).put('/api/v1/moderation/settings', { ...current.body, suspectWords: ['و'] }).set('Accept-Language', 'ar');
    assert.deepEqual(loneSaved.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]), [['suspectWords.0', 'الحرف الواحد أو الرقم الواحد كلمة في تعليقات عادية كثيرة: اكتب الكلمة كاملة.']]);
    assert.deepEqual(await ctx.db.setting.findMany(), stored, 'nothing saved');

    const saved = await as(admin).put('/api/v1/moderation/settings', { ...current.body, premoderation: 'none', suspectWords: ['casino'] });
    assert.equal(saved.status, 200);
    assert.equal((await postComment(ctx, 'settings', { body: 'hello' })).status, 'approved');
    assert.equal((await postComment(ctx, 'settings', { body: 'Best CASINO bonus' })).status, 'pending');
    await as(admin).put('/api/v1/moderation/settings', current.body);
  });

  it('a saved policy reaches pages already cached: auto-closing shows on the public thread', async () => {
    await ctx.db.setting.deleteMany();
    await ctx.threadCache.invalidateAll();
    await postComment(ctx, 'auto-close-cached');
    assert.equal((await publicThread('auto-close-cached')).thread.closed, false);
    const current = (await as(admin).get('/api/v1/moderation/settings')).body;
    assert.equal((await as(admin).put('/api/v1/moderation/settings', { ...current, autoCloseAfterDays: 1 })).status, 200);
    ctx.clock.advance(2 * 86400);
    assert.equal((await publicThread('auto-close-cached')).thread.closed, true);
    admin = await signIn(ctx, 'admin'); // the clock moved past the session's lifetime
    assert.equal((await as(admin).put('/api/v1/moderation/settings', current)).status, 200);
  });

  it('previews a proposed policy over recent comments without changing anything', async () => {
    await setPolicy(ctx, { premoderation: 'none', bannedWords: [] });
    await postComment(ctx, 'backtest', { body: 'I love this rutabaga recipe' });
    await postComment(ctx, 'backtest', { body: 'Plain and harmless' });
    const before = await ctx.db.comment.count({ where: { status: 'rejected' } });
    const res = await as(admin).post('/api/v1/moderation/settings/preview', { policy: { bannedWords: ['rutabaga'] }, days: 30 });
    assert.equal(res.status, 200);
    const transition = res.body.transitions.find((t: { from: string; to: string }) => t.from === 'approved' && t.to === 'rejected');
    assert.equal(transition.count, 1);
    assert.match(transition.examples[0].body, /rutabaga/);
    assert.ok(res.body.compared >= 2);
    assert.equal(await ctx.db.comment.count({ where: { status: 'rejected' } }), before, 'nothing changed');
    const bare = await as(admin).post('/api/v1/moderation/settings/preview', { bannedWords: ['rutabaga'] });
    assert.equal(bare.status, 200, 'the proposed policy may also be the body itself');
    assert.equal(bare.body.days, 30);
    assert.deepEqual(bare.body.transitions, res.body.transitions);
    assert.equal((await as(admin).post('/api/v1/moderation/settings/preview', { premoderation: 'sometimes' })).status, 422);
    assert.equal((await as(admin).post('/api/v1/moderation/settings/preview', { policy: { unknownKey: 1 } })).status, 422);
    // What saving refuses, the preview refuses too, naming the same field.
    for (const proposed of [{ classifierRejectAbove: 0.3 }, { classifierHoldAbove: 0.9, classifierRejectAbove: 0.5 }, { bannedWords: ['ـــ'] }]) {
      const refused = await as(admin).post('/api/v1/moderation/settings/preview', { policy: proposed });
      assert.equal(refused.status, 422, JSON.stringify(proposed));
      const saved = await as(admin).put('/api/v1/moderation/settings', { ...(await as(admin).get('/api/v1/moderation/settings')).body, ...proposed });
      assert.deepEqual(refused.body.errors.map((e: { field: string }) => e.field), saved.body.errors.map((e: { field: string }) => e.field));
    }
  });

  it('previews a banned author as banned under every spelling of the address, as posting judged them', async () => {
    await setPolicy(ctx, { premoderation: 'none', bannedWords: [] });
    assert.equal((await as(moderator).put(`/api/v1/moderation/authors/${encodeURIComponent('preview-troll@example.org')}`, { status: 'banned' })).status, 200);
    const respelled = await postComment(ctx, 'backtest-ban', { authorEmail: 'Preview-Troll+again@example.org', body: 'Banned under another spelling' });
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: respelled.comment.id } })).status, 'spam');
    const res = await as(admin).post('/api/v1/moderation/settings/preview', { policy: { premoderation: 'all' }, days: 30 });
    assert.equal(res.status, 200);
    const listed = res.body.transitions.flatMap((t: { examples: Array<{ id: number }> }) => t.examples.map((example) => example.id));
    assert.ok(!listed.includes(respelled.comment.id), 'a banned author stays spam under any policy: no change to preview');
  });
});
