import type { ModerationRule } from '../pipeline.js';

/**
 * Holds comments the policy wants a moderator to see first. Under `first-time`, only a *known*
 * author (valid commenterKey) with approved comments goes straight out: a typed email proves nothing.
 */
export const premoderation: ModerationRule = {
  name: 'premoderation',
  run({ policy, author, comment }) {
    // A proven trusted author needs no premoderation; one who only typed the address is treated as anyone.
    if (author.status === 'trusted' && author.known) return null;
    switch (policy.premoderation) {
      case 'none':
        return { kind: 'vote', vote: 'approve', detail: 'Premoderation is off.', explain: { key: 'premoderation.off' } };
      case 'all':
        return { kind: 'vote', vote: 'hold', detail: 'Every comment is reviewed before publication.', explain: { key: 'premoderation.all' } };
      case 'first-time':
        if (author.known && author.approvedCount > 0) {
          return {
            kind: 'vote',
            vote: 'approve',
            detail: `Known author with ${author.approvedCount} approved comment${author.approvedCount === 1 ? '' : 's'}.`,
            explain: { key: 'premoderation.known', params: { count: author.approvedCount } },
          };
        }
        return author.approvedCount > 0
          ? { kind: 'vote', vote: 'hold', detail: `Claims to be ${comment.authorEmail}, a known author, without proof (no valid commenter key).`, explain: { key: 'premoderation.unverified' } }
          : { kind: 'vote', vote: 'hold', detail: 'First comment of this author.', explain: { key: 'premoderation.first' } };
    }
  },
};
