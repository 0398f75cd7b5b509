// The pure rules of what readers see in a conversation (src/threads/visibility.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommentStatus } from '../../src/db/models.js';
import { hiddenByAncestorChanges, holdsReplies, placeholdersShownWith, withoutEmptyPlaceholders, type PlacedLink } from '../../src/threads/visibility.js';

const DELETED = new Date('2026-12-01T10:00:00Z');
const link = (id: number, parentId: number | null, status: CommentStatus, extra: Partial<PlacedLink> = {}): PlacedLink => ({
  id,
  parentId,
  status,
  hiddenByAncestor: false,
  deletedAt: null,
  ...extra,
});

describe('hiddenByAncestorChanges', () => {
  it('hides every reply below a comment that leaves, and shows them again, but not below a reply hidden on its own', () => {
    const conversation = [link(2, 1, 'approved'), link(3, 2, 'approved'), link(4, 1, 'pending'), link(5, 4, 'approved')];
    assert.deepEqual(hiddenByAncestorChanges(link(1, null, 'rejected'), conversation), { hide: [2, 4, 3, 5], show: [] });
    const hidden = conversation.map((reply) => ({ ...reply, hiddenByAncestor: true }));
    assert.deepEqual(hiddenByAncestorChanges(link(1, null, 'approved'), hidden), { hide: [], show: [2, 4, 3] });
  });
});

describe('holdsReplies', () => {
  it('is true when a reply below still has its text, whatever its status, and through placeholders', () => {
    assert.equal(holdsReplies(1, [link(2, 1, 'approved')]), true);
    // Waiting or rejected: a moderator may yet approve it, and the comment above must then let it show.
    assert.equal(holdsReplies(1, [link(2, 1, 'pending')]), true);
    assert.equal(holdsReplies(1, [link(2, 1, 'rejected')]), true);
    assert.equal(holdsReplies(1, [link(2, 1, 'approved', { deletedAt: DELETED }), link(3, 2, 'pending')]), true);
  });

  it('is false when there is no reply, or every reply below is deleted', () => {
    assert.equal(holdsReplies(1, []), false);
    assert.equal(holdsReplies(1, [link(2, 1, 'approved', { deletedAt: DELETED }), link(3, 2, 'spam', { deletedAt: DELETED })]), false);
    // A reply elsewhere in the conversation does not count.
    assert.equal(holdsReplies(1, [link(2, 9, 'approved')]), false);
  });
});

describe('placeholdersShownWith', () => {
  // 1 (deleted) → 2 (deleted) → 3, the reply now seen; 4 answers 1 and is held.
  const chain = [link(1, null, 'approved', { deletedAt: DELETED }), link(2, 1, 'approved', { deletedAt: DELETED }), link(3, 2, 'approved'), link(4, 1, 'pending')];

  it('names the deleted comments above a reply that showed nothing until it came, top-level one included, parents first', () => {
    assert.deepEqual(placeholdersShownWith(3, chain), [1, 2]);
  });

  it('stops at a placeholder that already held a reply readers see, and at a comment with its text', () => {
    assert.deepEqual(placeholdersShownWith(3, [...chain, link(5, 1, 'approved')]), [2]);
    // Seen through a placeholder of its own.
    assert.deepEqual(placeholdersShownWith(3, [...chain, link(5, 1, 'approved', { deletedAt: DELETED }), link(6, 5, 'approved')]), [2]);
    // A reply hidden with its parent does not count.
    assert.deepEqual(placeholdersShownWith(3, [...chain, link(5, 1, 'rejected'), link(6, 5, 'approved', { hiddenByAncestor: true })]), [1, 2]);
    assert.deepEqual(placeholdersShownWith(3, [link(1, null, 'approved'), link(2, 1, 'approved', { deletedAt: DELETED }), link(3, 2, 'approved')]), [2]);
    assert.deepEqual(placeholdersShownWith(1, chain), []);
  });
});

describe('withoutEmptyPlaceholders', () => {
  it('keeps comments and the placeholders that hold one, at any depth, and drops the placeholders that hold nothing', () => {
    const comments = [
      { id: 2, parentId: 1, deletedAt: DELETED },
      { id: 3, parentId: 2, deletedAt: DELETED },
      { id: 4, parentId: 3, deletedAt: null },
      { id: 5, parentId: 1, deletedAt: DELETED },
      { id: 6, parentId: 5, deletedAt: DELETED },
      { id: 7, parentId: 1, deletedAt: null },
    ];
    assert.deepEqual(
      withoutEmptyPlaceholders(comments).map((comment) => comment.id),
      [2, 3, 4, 7],
    );
  });
});
