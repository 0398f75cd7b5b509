import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FILE_NAME = 'secret';

/**
 * The secret of an instance started without SECRET (outside production): made at random on the first
 * start and kept in the data directory, so it survives restarts and is never a value anyone can read
 * in the public source. A built-in fallback would let anyone forge commenter keys and unsubscribe
 * links for every such instance. The file is created exclusively (two processes starting at once
 * both end up with the first one's secret) and readable by its owner only.
 */
export function instanceSecret(dataDir: string): { secret: string; file: string } {
  const file = path.resolve(dataDir, FILE_NAME);
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (at least 32 characters); delete it to make a new one, or set SECRET`);
  return { secret, file };
}
