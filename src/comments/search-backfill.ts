import type { Db } from '../db/client.js';
import type { Logger } from '../logging/logger.js';
import { fillMissingSearchText } from './comment.repository.js';

const BATCH = 500;

/**
 * Computes the queue's search text for comments stored before the column existed, in small batches
 * so a large archive never holds a long write lock. Runs once after start; a no-op afterwards.
 */
export async function backfillSearchText(db: Db, logger: Logger): Promise<void> {
  let filled = 0;
  for (let done = await fillMissingSearchText(db, BATCH); done > 0; done = await fillMissingSearchText(db, BATCH)) filled += done;
  if (filled > 0) logger.info({ filled }, 'computed the search text of older comments');
}
