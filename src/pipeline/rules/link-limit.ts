import type { ModerationRule } from '../pipeline.js';

const LINK = /\bhttps?:\/\/|\bwww\.[^\s.]/giu;

/** Holds comments with more links than the policy allows, a classic spam signal. */
export const linkLimit: ModerationRule = {
  name: 'link_limit',
  run({ comment, policy, author }) {
    if (author.status === 'trusted') return null;
    const links = comment.body.match(LINK)?.length ?? 0;
    return links > policy.maxLinks
      ? {
          kind: 'vote',
          vote: 'hold',
          detail: `${links} links (at most ${policy.maxLinks} without review).`,
          explain: { key: 'links.tooMany', params: { links, max: policy.maxLinks } },
        }
      : null;
  },
};
