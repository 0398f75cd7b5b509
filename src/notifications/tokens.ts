import { keyedHash, safeEqual } from '../shared/crypto.js';

const UNSUBSCRIBE = 'u1';

/**
 * A signed unsubscribe token naming one of the recipient's comments (never their address), so the
 * link in a mail cannot be forged or turned against another reader without SECRET.
 */
export function issueUnsubscribeToken(secret: string, commentId: number): string {
  return `${UNSUBSCRIBE}.${commentId}.${keyedHash(secret, 'unsubscribe', String(commentId))}`;
}

/** The comment id an unsubscribe token was issued for, or null when it is forged or malformed. */
export function verifyUnsubscribeToken(secret: string, token: string): number | null {
  const match = /^u1\.(\d{1,15})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!match?.[1]) return null;
  const id = Number(match[1]);
  return safeEqual(token, issueUnsubscribeToken(secret, id)) ? id : null;
}

/** Public base URL for links in mail; falls back to the local address when PUBLIC_URL is not set. */
export function publicBaseUrl(config: { PUBLIC_URL?: string | undefined; PORT: number }): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
}
