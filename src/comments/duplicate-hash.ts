import { createHash } from 'node:crypto';

/** Hash of the text as a reader would compare it: case, spacing and Unicode forms do not matter. */
export function duplicateHash(body: string): string {
  return createHash('sha256').update(body.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim()).digest('hex');
}
