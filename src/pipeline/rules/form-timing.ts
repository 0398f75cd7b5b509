import type { ModerationRule } from '../pipeline.js';

/** Posted sooner after the form was shown than a person can type a comment. */
export const formTiming: ModerationRule = {
  name: 'form_timing',
  run({ bot, policy }) {
    if (!bot || bot.secondsToPost === null || policy.minSecondsToPost === 0 || bot.secondsToPost >= policy.minSecondsToPost) return null;
    return {
      kind: 'vote',
      vote: 'spam',
      detail: `Sent ${bot.secondsToPost} s after the form was shown (people take at least ${policy.minSecondsToPost} s).`,
      explain: { key: 'bots.tooFast', params: { seconds: bot.secondsToPost, min: policy.minSecondsToPost } },
    };
  },
};
