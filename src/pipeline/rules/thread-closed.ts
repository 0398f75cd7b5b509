import type { ModerationRule } from '../pipeline.js';
import { autoClosesAt } from '../../settings/policy.js';

/** Refuses comments on a thread that a moderator closed or that is older than `autoCloseAfterDays`. */
export const threadClosed: ModerationRule = {
  name: 'thread_closed',
  run({ thread, policy, now }) {
    const closesAt = autoClosesAt(thread.createdAt, policy);
    return thread.closed || (closesAt !== null && now >= closesAt) ? { kind: 'refuse', code: 'thread_closed' } : null;
  },
};
