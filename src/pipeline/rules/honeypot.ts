import type { ModerationRule } from '../pipeline.js';

/** The hidden field people never see (nor hear, nor get filled by their browser) was filled: a form-filling bot. */
export const honeypot: ModerationRule = {
  name: 'honeypot',
  run({ bot }) {
    return bot?.honeypot
      ? { kind: 'vote', vote: 'spam', detail: 'The hidden field that people never fill was filled.', explain: { key: 'bots.honeypot' } }
      : null;
  },
};
