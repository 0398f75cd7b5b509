import { keyedHash } from '../shared/crypto.js';

/**
 * The name this installation's exports give it: the same in every export it writes, and no other installation's (a
 * hash of its SECRET, so it says nothing of the secret). A comment written here is known across installations by it.
 */
export function exportOrigin(secret: string): string {
  return keyedHash(secret, 'export-origin', '').slice(0, 12);
}

/** How an export names a comment written here: `majlis:<origin>:<id>` (ids alone collide between installations). */
export function exportedKeyOf(origin: string, id: number): string {
  return `majlis:${origin}:${id}`;
}

/** The row a key names when this installation's own export gave it (a site moved away and back); null for any other key. */
export function ownRowIdOf(key: string, origin: string): number | null {
  const prefix = `majlis:${origin}:`;
  if (!key.startsWith(prefix)) return null;
  const id = Number(key.slice(prefix.length));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
