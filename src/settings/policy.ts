import { z } from 'zod';
import { tokenizeEntry } from '../text/normalize.js';
import { botPolicyDefaults, botPolicyShape } from './bot-policy.js';

// A blank entry is refused with the others that match nothing (savedPolicySchema), by its place in the list.
const wordList = z.array(z.string().trim().max(100)).max(20_000);

/**
 * One letter or digit: as a word of its own it is in too many ordinary comments ("a", "و", "1"). Not a Chinese,
 * Japanese or Korean character, which can be a whole word.
 */
const LONE_CHARACTER = /^(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}]$/u;

/** The moderation policy of SPEC section 5, as stored in settings and edited by admins. */
export const policySchema = z.object({
  premoderation: z.enum(['all', 'first-time', 'none']),
  bannedWords: wordList,
  suspectWords: wordList,
  maxLinks: z.number().int().min(0).max(100),
  flagThreshold: z.number().int().min(1).max(1000),
  editWindowMinutes: z.number().int().min(0).max(7 * 24 * 60),
  autoCloseAfterDays: z.number().int().min(1).max(36_500).nullable(),
  floodIntervalSeconds: z.number().int().min(0).max(3600),
  /** The classifier holds comments scoring above this (0..1). */
  classifierHoldAbove: z.number().min(0).max(1),
  /** The classifier rejects (or marks spam) comments scoring above this; null: it never does. */
  classifierRejectAbove: z.number().min(0).max(1).nullable(),
  ...botPolicyShape,
  /** Whether readers who are not signed in may post (the guest form); false: only signed-in readers. */
  guestsMayPost: z.boolean(),
});

/** A complete moderation policy. */
export type Policy = z.infer<typeof policySchema>;

/**
 * A policy an admin saves: whole, with the classifier's thresholds in order, and every listed word one that can match,
 * and longer than one letter.
 * A reject threshold below the hold threshold would reject outright what the policy says to hold for a moderator. A word
 * that folds to nothing (a lone diacritic, a tatweel, punctuation, an invisible character) would be saved and never
 * match, while the list looked as if it banned it. (Checks kept off policySchema: the preview takes its fields one by
 * one, and a policy stored before them must still be read whole.)
 */
export const savedPolicySchema = policySchema.check((ctx) => {
  const { classifierHoldAbove: hold, classifierRejectAbove: reject } = ctx.value;
  if (reject !== null && reject < hold) ctx.issues.push({ code: 'custom', message: 'policy.rejectBelowHold', path: ['classifierRejectAbove'], input: reject });
  for (const list of ['bannedWords', 'suspectWords'] as const) {
    ctx.value[list].forEach((word, i) => {
      const tokens = tokenizeEntry(word);
      if (tokens.length === 0) ctx.issues.push({ code: 'custom', message: 'policy.wordMatchesNothing', path: [list, i], input: word });
      else if (tokens.length === 1 && LONE_CHARACTER.test(tokens[0]?.letters ?? '')) ctx.issues.push({ code: 'custom', message: 'policy.wordTooShort', path: [list, i], input: word });
    });
  }
});

/** The defaults a new installation starts with. */
export function defaultPolicy(words: { banned: readonly string[]; suspect: readonly string[] }): Policy {
  return {
    premoderation: 'all',
    bannedWords: [...words.banned],
    suspectWords: [...words.suspect],
    maxLinks: 2,
    flagThreshold: 3,
    editWindowMinutes: 15,
    autoCloseAfterDays: null,
    floodIntervalSeconds: 15,
    classifierHoldAbove: 0.7,
    classifierRejectAbove: null,
    ...botPolicyDefaults,
    guestsMayPost: true,
  };
}

/** When a thread stops taking comments under `autoCloseAfterDays`, or null if it never does. */
export function autoClosesAt(threadCreatedAt: Date | null, policy: Pick<Policy, 'autoCloseAfterDays'>): Date | null {
  if (policy.autoCloseAfterDays === null || threadCreatedAt === null) return null;
  return new Date(threadCreatedAt.getTime() + policy.autoCloseAfterDays * 86_400_000);
}

/** A stored policy field that failed validation, and why. */
export interface PolicyProblem {
  field: string;
  message: string;
}

/**
 * Reads a stored policy field by field: each valid field is kept, each invalid or missing one takes
 * its default, and every invalid one is reported. One bad number must not cost the newsroom its word
 * lists, and nobody must be left believing a policy is in force that is not.
 */
export function readStoredPolicy(stored: unknown, defaults: Policy): { policy: Policy; problems: PolicyProblem[] } {
  if (stored === null || stored === undefined) return { policy: defaults, problems: [] };
  if (typeof stored !== 'object' || Array.isArray(stored)) return { policy: defaults, problems: [{ field: '', message: 'the stored policy is not an object' }] };
  const problems: PolicyProblem[] = [];
  const policy: Record<string, unknown> = { ...defaults };
  for (const [field, schema] of Object.entries(policySchema.shape)) {
    if (!(field in stored)) continue;
    const parsed = schema.safeParse((stored as Record<string, unknown>)[field]);
    if (parsed.success) policy[field] = parsed.data;
    else problems.push({ field, message: parsed.error.issues.map((issue) => issue.message).join('; ') });
  }
  return { policy: policy as Policy, problems };
}
