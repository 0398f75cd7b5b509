import type { ModerationRule } from '../pipeline.js';

/** An address at a throwaway-mail service: nobody can be reached there tomorrow. */
export const disposableEmail: ModerationRule = {
  name: 'disposable_email',
  run({ bot, policy, author }) {
    if (!bot?.disposableEmail || !policy.holdDisposableEmail || author.status === 'trusted') return null;
    return { kind: 'vote', vote: 'hold', detail: 'The email address is at a disposable-mail service.', explain: { key: 'bots.disposableEmail' } };
  },
};
