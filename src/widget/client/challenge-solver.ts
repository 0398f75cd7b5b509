// Proof of work in the reader's browser: when the server answers 428 with an ALTCHA v2 challenge
// (SHA-256, deterministic counter), find the counter whose hash starts with the signed key prefix.
// Solved in a Web Worker so the page never freezes; where the page's CSP forbids blob workers, on the
// main thread in short slices. Loaded on demand (embed-extras.js, see challenge.ts). The search is one self-contained function, so the worker can be made
// from its source without a second bundle.
import { t } from './i18n.js';
import type { ThreadScope } from './plugins.js';

/** An ALTCHA v2 challenge as a 428 problem carries it. */
export interface Challenge {
  parameters: { algorithm: string; nonce: string; salt: string; keyPrefix: string };
  signature: string;
}

interface Found {
  counter: number;
  derivedKey: string;
}

/** Searches counters from 0, calling `report` every 2,000 tries. Must not reference anything outside itself. */
async function searchCounter(params: { salt: string; nonce: string; keyPrefix: string }, report: () => Promise<void> | void): Promise<Found> {
  const bytes = (hex: string) => Uint8Array.from((hex.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));
  const salt = bytes(params.salt);
  const nonce = bytes(params.nonce);
  const prefix = bytes(params.keyPrefix.toLowerCase());
  const input = new Uint8Array(salt.length + nonce.length + 4);
  input.set(salt);
  input.set(nonce, salt.length);
  const view = new DataView(input.buffer);
  for (let counter = 0; counter <= 0xffffffff; counter += 1) {
    view.setUint32(salt.length + nonce.length, counter, false);
    const key = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
    let match = true;
    for (let i = 0; i < prefix.length && match; i += 1) match = key[i] === prefix[i];
    if (match) return { counter, derivedKey: Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('') };
    if (counter % 2000 === 1999) await report();
  }
  throw new Error('no solution');
}

function inWorker(challenge: Challenge): Promise<Found> {
  const source = `const search = ${searchCounter.toString()};
onmessage = (event) => search(event.data, () => {}).then((found) => postMessage(found), () => postMessage(null));`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  // A page whose CSP forbids blob: workers throws here, which rejects the promise (the caller falls back).
  return new Promise<Found>((resolve, reject) => {
    const worker = new Worker(url);
    const finish = (found: Found | null) => {
      worker.terminate();
      URL.revokeObjectURL(url);
      if (found) resolve(found);
      else reject(new Error('worker'));
    };
    worker.onmessage = (event: MessageEvent<Found | null>) => finish(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      finish(null);
    };
    worker.postMessage(challenge.parameters);
  });
}

/**
 * Solves a challenge and returns the `challengeSolution` to send (base64 of `{ challenge, solution }`),
 * saying so in the thread's live region (once: a screen reader is not flooded); null when it cannot be solved.
 * Where there is no worker, on the main thread, giving the page back between slices of 2,000 tries.
 */
export async function solveChallenge(challenge: Challenge, scope: ThreadScope): Promise<string | null> {
  scope.notify('wt', t(scope.lang, 'challenge.working'));
  try {
    const solution = await inWorker(challenge).catch(() => searchCounter(challenge.parameters, () => new Promise((resolve) => setTimeout(resolve, 0))));
    scope.notify('wt', t(scope.lang, 'widget.posting'));
    return btoa(JSON.stringify({ challenge, solution }));
  } catch {
    scope.notify('bad', t(scope.lang, 'challenge.failed'));
    return null;
  }
}
