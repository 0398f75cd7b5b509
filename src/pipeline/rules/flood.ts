import type { ModerationRule } from '../pipeline.js';

/** Refuses a new comment posted within the flood interval of the same author's or IP's last one. */
export const flood: ModerationRule = {
  name: 'flood',
  run({ recent, policy, now, isEdit }) {
    if (isEdit || recent.lastPostAt === null || policy.floodIntervalSeconds === 0) return null;
    const waitMs = recent.lastPostAt.getTime() + policy.floodIntervalSeconds * 1000 - now.getTime();
    return waitMs > 0 ? { kind: 'refuse', code: 'flood', retryAfterSeconds: Math.ceil(waitMs / 1000) } : null;
  },
};
