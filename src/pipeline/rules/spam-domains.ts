import type { ModerationRule } from '../pipeline.js';

/** Links to a domain that moderators found in spam before: held from the first mark, spam from the policy's count. */
export const spamDomains: ModerationRule = {
  name: 'spam_domains',
  run({ bot, policy, author }) {
    if (!bot || author.status === 'trusted') return null;
    const worst = bot.spamDomains.reduce<{ domain: string; marks: number } | null>((top, d) => (top && top.marks >= d.marks ? top : d), null);
    if (!worst || worst.marks < policy.spamDomainHoldAfter) return null;
    const spam = policy.spamDomainSpamAfter !== null && worst.marks >= policy.spamDomainSpamAfter;
    return {
      kind: 'vote',
      vote: spam ? 'spam' : 'hold',
      detail: `Links to ${worst.domain}, found in ${worst.marks} comments moderators marked spam.`,
      explain: { key: 'bots.spamDomain', params: { domain: worst.domain, marks: worst.marks } },
    };
  },
};
