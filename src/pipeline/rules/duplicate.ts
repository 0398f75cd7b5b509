import type { ModerationRule } from '../pipeline.js';

/** Refuses the same text from the same author twice in one thread. */
export const duplicate: ModerationRule = {
  name: 'duplicate',
  run({ recent, isEdit }) {
    return !isEdit && recent.duplicate ? { kind: 'refuse', code: 'duplicate' } : null;
  },
};
