import type { ModerationRule } from '../pipeline.js';
import { authorStatus } from './author-status.js';
import { campaign } from './campaign.js';
import { challenge } from './challenge.js';
import { disposableEmail } from './disposable-email.js';
import { formTiming } from './form-timing.js';
import { honeypot } from './honeypot.js';
import { spamDomains } from './spam-domains.js';
import { classifier } from './classifier.js';
import { duplicate } from './duplicate.js';
import { flood } from './flood.js';
import { linkLimit } from './link-limit.js';
import { premoderation } from './premoderation.js';
import { threadClosed } from './thread-closed.js';
import { bannedWords, suspectWords } from './word-lists.js';

/** The pipeline, in order. */
export const moderationRules: readonly ModerationRule[] = [
  // Refusals first: a closed thread, a flood or a repeat is answered with an error and nothing is stored.
  threadClosed,
  flood,
  duplicate,
  // Proof of work where the policy sees risk: refused through the API, held from the no-JS form.
  challenge,
  // Bots: the hidden field, inhuman speed, near-copies across threads, known spam links, throwaway mail.
  honeypot,
  formTiming,
  campaign,
  spamDomains,
  disposableEmail,
  // Who is writing: banned authors are spam whatever they say; trusted ones skip the holds below.
  authorStatus,
  // What they wrote: banned words reject even a trusted author; suspect words and links only hold.
  bannedWords,
  suspectWords,
  linkLimit,
  // The newsroom's own learned model: most abuse is built from ordinary words no list holds.
  classifier,
  // Policy last, so its hold or approve is recorded beside the content votes above.
  premoderation,
];
