import { z } from 'zod';

/** When a post must carry a proof-of-work solution (src/pipeline/rules/challenge.ts). */
const CHALLENGE_TRIGGERS = ['new-author', 'links', 'new-author-with-links', 'address-burst', 'thread-attack'] as const;

const count = (max: number) => z.number().int().min(1).max(max);

/** The policy fields of the bot defences, part of the moderation policy (policy.ts). */
export const botPolicyShape = {
  /** Which situations require a solved challenge; empty: never. */
  challengeWhen: z.array(z.enum(CHALLENGE_TRIGGERS)).max(CHALLENGE_TRIGGERS.length),
  /** The most SHA-256 tries a solve may take (Chromium makes about 20,000 a second on a busy 2-core machine). */
  challengeDifficulty: z.number().int().min(1000).max(10_000_000),
  /** An address range (/24, /48) with this many posts within `burstWindowMinutes` is a burst. */
  burstPostsPerRange: count(10_000),
  burstWindowMinutes: count(24 * 60),
  /** A thread with this many posts within `threadAttackMinutes` is under attack. */
  threadAttackPosts: count(100_000),
  threadAttackMinutes: count(24 * 60),
  /** Posts sent sooner than this after the form was rendered go to spam; 0: off. */
  minSecondsToPost: z.number().min(0).max(600),
  /** A near-duplicate cluster of this many comments within `campaignWindowHours` holds new members. */
  campaignMinSize: z.number().int().min(2).max(10_000),
  campaignWindowHours: count(24 * 30),
  /** Hold comments from disposable-mail addresses. */
  holdDisposableEmail: z.boolean(),
  /** Hold comments linking a domain found in this many comments moderators marked spam. */
  spamDomainHoldAfter: count(10_000),
  /** Mark them spam from this many; null: never. */
  spamDomainSpamAfter: count(10_000).nullable(),
};

/** The defaults: a challenge only where risk is high, so an ordinary first comment is never asked for one. */
export const botPolicyDefaults = {
  challengeWhen: ['address-burst', 'thread-attack'],
  challengeDifficulty: 30_000,
  burstPostsPerRange: 5,
  burstWindowMinutes: 10,
  threadAttackPosts: 30,
  threadAttackMinutes: 10,
  minSecondsToPost: 3,
  campaignMinSize: 3,
  campaignWindowHours: 24,
  holdDisposableEmail: true,
  spamDomainHoldAfter: 1,
  spamDomainSpamAfter: 3,
} satisfies { [K in keyof typeof botPolicyShape]: z.infer<(typeof botPolicyShape)[K]> };
