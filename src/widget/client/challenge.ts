// Proof of work in the reader's browser: when the server answers 428 with an ALTCHA v2 challenge
// (SHA-256, deterministic counter), find the counter whose hash starts with the signed key prefix.
// Solved in a Web Worker so the page never freezes; where the page's CSP forbids blob workers, on the
// main thread in short slices. The search is one self-contained function, so the worker can be made
// from its source without a second bundle.
import { h } from './dom.js';
import { t, type Lang } from './i18n.js';

interface Challenge {
  parameters: { algorithm: string; nonce: string; salt: string; keyPrefix: string; data?: { max?: number } };
  signature: string;
}

interface Found {
  counter: number;
  derivedKey: string;
}

/** Searches counters from 0; reports progress as a count of tries. Must not reference anything outside itself. */
async function searchCounter(params: { salt: string; nonce: string; keyPrefix: string }, report: (tries: number) => Promise<void> | void): Promise<Found> {
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
    if (counter % 2000 === 1999) await report(counter + 1);
  }
  throw new Error('no solution');
}

function inWorker(challenge: Challenge, onTries: (tries: number) => void): Promise<Found> {
  const source = `const searchCounter = ${searchCounter.toString()};
onmessage = (event) => searchCounter(event.data, (tries) => postMessage({ tries })).then((found) => postMessage({ found }), () => postMessage({ failed: true }));`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Promise<Found>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch (error) {
      URL.revokeObjectURL(url);
      reject(error);
      return;
    }
    const finish = () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    };
    worker.onmessage = (event: MessageEvent<{ tries?: number; found?: Found; failed?: boolean }>) => {
      if (event.data.tries !== undefined) onTries(event.data.tries);
      if (event.data.found) resolve(event.data.found);
      if (event.data.found || event.data.failed) finish();
      if (event.data.failed) reject(new Error('failed'));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(new Error('worker'));
    };
    const { salt, nonce, keyPrefix } = challenge.parameters;
    worker.postMessage({ salt, nonce, keyPrefix });
  });
}

/** The main-thread fallback: gives the page back between slices of 2,000 tries. */
function onMainThread(challenge: Challenge, onTries: (tries: number) => void): Promise<Found> {
  return searchCounter(challenge.parameters, (tries) => {
    onTries(tries);
    return new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** True for the `challenge` of a 428 problem. */
export function isChallenge(value: unknown): value is Challenge {
  const parameters = (value as Challenge | null)?.parameters;
  return typeof parameters?.salt === 'string' && typeof parameters.nonce === 'string' && typeof parameters.keyPrefix === 'string' && parameters.algorithm === 'SHA-256';
}

/**
 * Solves a challenge and returns the `challengeSolution` to send (base64 of `{ challenge, solution }`),
 * announcing progress in `live` (a polite live region); null when it cannot be solved.
 */
export async function solveChallenge(challenge: Challenge, lang: Lang, live: HTMLElement): Promise<string | null> {
  const max = challenge.parameters.data?.max ?? 100_000;
  const started = performance.now();
  let shown = -1;
  const line = h('p', {}, t(lang, 'challenge.working', { percent: 0 }));
  live.replaceChildren(h('div', { class: 'wt' }, line));
  const onTries = (tries: number) => {
    // Announced in steps of a quarter, so a screen reader is not flooded.
    const percent = Math.min(99, Math.floor((tries / max) * 4) * 25);
    if (percent !== shown) line.textContent = t(lang, 'challenge.working', { percent: (shown = percent) });
  };
  try {
    const found = await inWorker(challenge, onTries).catch(() => onMainThread(challenge, onTries));
    live.replaceChildren(h('div', { class: 'wt' }, h('p', {}, t(lang, 'challenge.done'))));
    const solution = { ...found, time: Math.round(performance.now() - started) };
    return btoa(JSON.stringify({ challenge, solution }));
  } catch {
    live.replaceChildren(h('div', { class: 'bad' }, h('p', {}, t(lang, 'challenge.failed'))));
    return null;
  }
}

/**
 * The honeypot: a field people never fill. Hidden from sight (off-screen), from assistive technology
 * (`aria-hidden`, `inert`) and from the keyboard; `autocomplete="off"` and a name and label no
 * autofill profile matches keep saved details out of it.
 */
export function honeypotField(lang: Lang): { element: HTMLElement; value(): string } {
  const input = h('input', { type: 'text', name: 'homepage', tabindex: '-1', autocomplete: 'off' }) as HTMLInputElement;
  const element = h('div', { class: 'sr', 'aria-hidden': 'true', inert: '' }, h('label', {}, t(lang, 'form.honeypot'), input));
  return { element, value: () => input.value };
}
