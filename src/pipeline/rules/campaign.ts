import type { ModerationRule } from '../pipeline.js';

/**
 * Near-copies of one text across threads: once the cluster reaches the policy's size within its
 * window, new members wait for a moderator; once a moderator marked a member spam, they are spam.
 * Once a moderator approved a member (and none is marked spam), the text is one readers share, as
 * condolences or congratulations are on a day of news, and new members no longer wait for it.
 * Copies within one thread are left to the duplicate rule and the thread-attack challenge.
 */
export const campaign: ModerationRule = {
  name: 'campaign',
  run({ bot, policy, author }) {
    const cluster = bot?.campaign;
    if (!cluster || cluster.threads < 2 || author.status === 'trusted') return null;
    const params = { size: cluster.size, threads: cluster.threads, hours: policy.campaignWindowHours };
    if (cluster.spamMarked) {
      return {
        kind: 'vote',
        vote: 'spam',
        detail: `Near-copy of ${cluster.size - 1} comments in ${cluster.threads} threads, one of them marked spam by a moderator.`,
        explain: { key: 'bots.campaignSpam', params },
      };
    }
    if (cluster.size < policy.campaignMinSize) return null;
    if (cluster.moderatorApproved) {
      return {
        kind: 'vote',
        vote: 'approve',
        detail: `Near-copy of ${cluster.size - 1} comments in ${cluster.threads} threads, one of them approved by a moderator.`,
        explain: { key: 'bots.campaignApproved', params },
      };
    }
    return {
      kind: 'vote',
      vote: 'hold',
      detail: `Near-copy of ${cluster.size - 1} comments in ${cluster.threads} threads within ${policy.campaignWindowHours} h.`,
      explain: { key: 'bots.campaign', params },
    };
  },
};
