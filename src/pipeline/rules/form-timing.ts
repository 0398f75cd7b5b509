import type { ModerationRule } from '../pipeline.js';

/**
 * Posted sooner after the form was shown than a person can type a comment. The no-JavaScript page stamps its
 * ticket when it is rendered: no one reads it, fills in three fields and sends within seconds, so that is spam.
 * The widget stamps its ticket when the reader first reaches the form, and a reader who wrote the comment
 * elsewhere can paste it and send at once: held for a moderator, never lost in spam.
 */
export const formTiming: ModerationRule = {
  name: 'form_timing',
  run({ bot, policy }) {
    if (!bot || bot.secondsToPost === null || policy.minSecondsToPost === 0 || bot.secondsToPost >= policy.minSecondsToPost) return null;
    return {
      kind: 'vote',
      vote: bot.via === 'form' ? 'spam' : 'hold',
      detail: `Sent ${bot.secondsToPost} s after the form was shown (people take at least ${policy.minSecondsToPost} s).`,
      explain: { key: 'bots.tooFast', params: { seconds: bot.secondsToPost, min: policy.minSecondsToPost } },
    };
  },
};
