// Proof of work (ALTCHA v2, `altcha-lib`): a challenge is signed with HMAC and carries its expiry in
// its signed data, checked against the app's clock (not the library's Date.now, so tests and skewed
// hosts agree with the rest of the service). Verification is stateless; a replay ledger refuses a
// solution seen before.
import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { ChallengeState } from '../pipeline/bot-signals.js';
import { keyedHash } from '../shared/crypto.js';
import type { ReplayLedger } from './replay-ledger.js';

/** How long a reader has to solve and post. */
const CHALLENGE_TTL_SECONDS = 10 * 60;

/** The secrets a challenge is signed with, derived from SECRET so nothing new needs configuring. */
function secretsOf(secret: string) {
  return { hmacSignatureSecret: keyedHash(secret, 'altcha-signature', ''), hmacKeySignatureSecret: keyedHash(secret, 'altcha-key', '') };
}

/**
 * A new challenge. `difficulty` is the largest counter the solver may have to try (each try one
 * SHA-256); the secret counter is drawn from its upper three quarters so every solve costs some work.
 */
export async function issueChallenge(secret: string, difficulty: number, now: Date): Promise<Challenge> {
  const low = Math.floor(difficulty / 4);
  return createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    counter: low + randomInt(difficulty - low),
    deriveKey,
    // `max` lets the widget show progress; both are signed with the rest.
    data: { exp: Math.floor(now.getTime() / 1000) + CHALLENGE_TTL_SECONDS, max: difficulty },
    ...secretsOf(secret),
  });
}

/** A solution as the widget sends it: base64 of JSON `{ challenge, solution }`. */
interface SolutionPayload {
  challenge: Challenge;
  solution: Solution;
}

function decodePayload(encoded: string): SolutionPayload | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { challenge, solution } = parsed as Partial<SolutionPayload>;
    if (typeof challenge !== 'object' || challenge === null || typeof challenge.parameters !== 'object' || challenge.parameters === null) return null;
    if (typeof challenge.signature !== 'string' || typeof solution !== 'object' || solution === null) return null;
    return { challenge, solution };
  } catch {
    return null;
  }
}

/** Checks a submitted solution: signature, expiry by `now`, the work itself, then that it was not used before. */
export async function checkSolution(
  deps: { secret: string; ledger: ReplayLedger },
  encoded: string | undefined,
  now: Date,
): Promise<ChallengeState> {
  if (!encoded) return 'missing';
  const payload = decodePayload(encoded);
  if (!payload) return 'invalid';
  const { challenge, solution } = payload;
  // The library checks its own `expiresAt` against the wall clock; ours is in the signed data instead.
  if (challenge.parameters.expiresAt !== undefined) return 'invalid';
  let verified: boolean;
  try {
    ({ verified } = await verifySolution({ challenge, solution, deriveKey, ...secretsOf(deps.secret) }));
  } catch {
    return 'invalid';
  }
  if (!verified) return 'invalid';
  const exp = challenge.parameters.data?.exp;
  const remainingMs = typeof exp === 'number' ? exp * 1000 - now.getTime() : -1;
  if (remainingMs <= 0) return 'expired';
  return (await deps.ledger.claim(`altcha:${challenge.signature}`, remainingMs)) ? 'solved' : 'replayed';
}
