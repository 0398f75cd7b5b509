// npm run admin -- create --email ops@example.org --password '…' [--role admin|moderator]
// npm run admin -- list
import { parseArgs } from 'node:util';
import { loadConfig, loadEnvFile } from '../src/config/config.js';
import { createDb } from '../src/db/client.js';
import { isMessageKey, translate } from '../src/i18n/i18n.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createModerator, listModeratorAccounts } from '../src/moderators/auth.service.js';
import { createModeratorSchema } from '../src/moderators/moderator.schemas.js';
import { systemClock } from '../src/shared/clock.js';

const usage = 'usage: npm run admin -- create --email EMAIL --password PASSWORD [--role admin|moderator]\n       npm run admin -- list';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', default: 'admin' } },
  });
  loadEnvFile();
  const config = loadConfig();
  await applyMigrations(config.DATABASE_URL);
  const { db } = createDb(config.DATABASE_URL);
  try {
    switch (positionals[0]) {
      case 'create': {
        const input = createModeratorSchema.safeParse(values);
        if (!input.success) {
          // The account rules speak in catalogue keys (the first-run page shows them in Arabic too).
          for (const issue of input.error.issues) {
            console.error(`--${issue.path.join('.')}: ${isMessageKey(issue.message) ? translate('en', issue.message) : issue.message}`);
          }
          console.error(usage);
          return 2;
        }
        const moderator = await createModerator({ db, clock: systemClock }, input.data);
        console.log(`created ${moderator.role} ${moderator.email} (id ${moderator.id})`);
        return 0;
      }
      case 'list':
        for (const m of await listModeratorAccounts({ db })) console.log(`${m.id}\t${m.role}\t${m.email}`);
        return 0;
      default:
        console.error(usage);
        return 2;
    }
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
