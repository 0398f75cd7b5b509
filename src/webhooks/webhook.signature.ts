import { createHmac } from 'node:crypto';
import { safeEqual } from '../shared/crypto.js';

/** `X-Majlis-Signature` value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, as Stripe does it. */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${digest}`;
}

/** Receiver-side check (used by tests and documented for integrators); rejects stale timestamps to stop replays. */
export function verifyWebhookSignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds || !parts.v1) return false;
  return safeEqual(signWebhook(secret, timestamp, body), `t=${timestamp},v1=${parts.v1}`);
}
