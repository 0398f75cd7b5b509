import type { ModerationRule } from '../pipeline.js';

/**
 * Holds comments the policy wants a moderator to see first. Under `first-time`, only a *known*
 * author (valid commenterKey) with approved comments goes straight out: a typed email proves nothing.
 */
export const premoderation: ModerationRule = {
  name: 'premoderation',
  run({ policy, author }) {
    if (author.status === 'trusted') return null;
    switch (policy.premoderation) {
      case 'none':
        return { kind: 'vote', vote: 'approve', detail: 'Premoderation is off.' };
      case 'all':
        return { kind: 'vote', vote: 'hold', detail: 'Every comment is reviewed before publication.' };
      case 'first-time':
        if (author.known && author.approvedCount > 0) {
          return { kind: 'vote', vote: 'approve', detail: `Known author with ${author.approvedCount} approved comments.` };
        }
        return {
          kind: 'vote',
          vote: 'hold',
          detail: author.approvedCount > 0 ? 'The author could not be verified (no valid commenter key).' : 'First comment of this author.',
        };
    }
  },
};
