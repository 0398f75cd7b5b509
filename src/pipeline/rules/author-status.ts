import type { ModerationRule } from '../pipeline.js';

/** Banned authors go to spam; trusted authors are approved (stronger votes such as banned words still win). */
export const authorStatus: ModerationRule = {
  name: 'author_status',
  run({ author }) {
    if (author.status === 'banned') return { kind: 'vote', vote: 'spam', detail: 'The author is banned.', explain: { key: 'author.banned' } };
    if (author.status === 'trusted') return { kind: 'vote', vote: 'approve', detail: 'The author is trusted.', explain: { key: 'author.trusted' } };
    return null;
  },
};
