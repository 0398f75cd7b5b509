import type { BotSignals } from '../bot-signals.js';
import type { ModerationInput, ModerationRule } from '../pipeline.js';
import type { Policy } from '../../settings/policy.js';

type Trigger = Policy['challengeWhen'][number];

/** The situations of the policy's `challengeWhen` this post is in. */
function challengeTriggers({ author, policy }: Pick<ModerationInput, 'author' | 'policy'>, bot: BotSignals): Trigger[] {
  const newAuthor = !(author.known && author.approvedCount > 0);
  const present: Record<Trigger, boolean> = {
    'new-author': newAuthor,
    links: bot.links > 0,
    'new-author-with-links': newAuthor && bot.links > 0,
    'address-burst': bot.rangePosts >= policy.burstPostsPerRange,
    'thread-attack': bot.threadPosts >= policy.threadAttackPosts,
  };
  return policy.challengeWhen.filter((trigger) => present[trigger]);
}

/**
 * Asks for proof of work where the policy sees risk. Through the API a post without a valid
 * solution is refused (the answer carries a challenge to solve); through the no-JS form, which cannot
 * solve one, it is held instead, so readers without scripts are never locked out. Silent on edits.
 */
export const challenge: ModerationRule = {
  name: 'challenge',
  run(input) {
    const { bot, author, isEdit } = input;
    if (!bot || isEdit || author.status === 'trusted' || bot.challenge === 'solved') return null;
    const triggers = challengeTriggers(input, bot);
    if (triggers.length === 0) return null;
    if (bot.via === 'api') return { kind: 'refuse', code: 'challenge_required' };
    return {
      kind: 'vote',
      vote: 'hold',
      detail: `Sent without proof of work (${triggers.join(', ')}) from the form without scripts.`,
      explain: { key: 'bots.challengeMissing', params: { triggers: triggers.join(', ') } },
    };
  },
};
