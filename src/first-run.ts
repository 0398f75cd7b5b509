import type { Config } from './config/config.js';
import type { Db } from './db/client.js';
import type { Logger } from './logging/logger.js';
import { ensureFirstAdmin, moderatorsExist } from './moderators/auth.service.js';
import { seedDemoThreads } from './pages/demo-seed.js';
import type { Clock } from './shared/clock.js';
import type { ThreadReadCache } from './threads/thread-cache.js';
import { SetupToken } from './setup/setup-token.js';

/** What a start prepares for a newcomer: the setup link's token, and how to print the link. */
export interface FirstRun {
  setupToken: SetupToken;
  /** Logs the one-time setup link under `base`, if this start issued one. */
  announce(base: string): void;
}

/**
 * Everything a start does so a new installation is usable at once: the first admin from
 * ADMIN_EMAIL / ADMIN_PASSWORD, else a one-time setup link while nobody can sign in; and, outside
 * production, the demo conversations (a failure there is logged, it does not stop the service).
 */
export async function prepareFirstRun(deps: { db: Db; config: Config; clock: Clock; logger: Logger; threadCache: ThreadReadCache }): Promise<FirstRun> {
  const { db, config, logger } = deps;
  const admin = await ensureFirstAdmin(deps, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
  if (admin) logger.info({ moderatorId: admin.id }, 'created the first admin from ADMIN_EMAIL');
  const setupToken = new SetupToken();
  const secret = (await moderatorsExist({ db })) ? null : setupToken.issue();
  try {
    const seeded = await seedDemoThreads(deps);
    if (seeded.length > 0) logger.info({ threads: seeded }, 'added demo comments to /demo and /demo/en');
  } catch (error) {
    logger.warn({ err: error }, 'could not add the demo comments');
  }
  return {
    setupToken,
    announce(base) {
      if (!secret) return;
      // Warn level, so a quieter LOG_LEVEL still shows it. Whoever reads this line can become admin until the link is used.
      logger.warn(`No moderator account exists yet. Create the first admin here (the link works once, on this instance): ${base}/admin#setup=${secret}`);
    },
  };
}
