import type { ModerationRule } from '../pipeline.js';

/**
 * Banned authors go to spam, whatever spelling of the address they type. Trust belongs to a proven
 * identity: a trusted author is approved only when the comment carries proof (a commenter key the
 * owner was given, or a confirmed address); a comment that merely types a trusted address is an
 * unknown author that claims to be someone else, held for a moderator.
 */
export const authorStatus: ModerationRule = {
  name: 'author_status',
  run({ author, comment }) {
    if (author.status === 'banned') return { kind: 'vote', vote: 'spam', detail: 'The author is banned.', explain: { key: 'author.banned' } };
    if (author.status !== 'trusted') return null;
    if (author.known) return { kind: 'vote', vote: 'approve', detail: 'The author is trusted.', explain: { key: 'author.trusted' } };
    return {
      kind: 'vote',
      vote: 'hold',
      detail: `Claims to be ${comment.authorEmail}, a trusted author, without proof (no valid commenter key): held as an unknown author.`,
      explain: { key: 'author.claimsTrusted', params: { email: comment.authorEmail } },
    };
  },
};
