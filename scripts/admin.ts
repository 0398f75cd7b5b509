// npm run admin -- create --email ops@example.org --password '…' [--role admin|moderator] (admin by default: the first account)
// npm run admin -- list
import { parseArgs } from 'node:util';
import { loadConfig, loadEnvFile } from '../src/config/config.js';
import { isMessageKey, translate } from '../src/i18n/i18n.js';
import { addModerator, listModeratorAccounts } from '../src/moderators/auth.service.js';
import { createModeratorSchema } from '../src/moderators/moderator.schemas.js';
import { systemClock } from '../src/shared/clock.js';
import { openDatabase, runCli } from './cli.js';

const usage = 'usage: npm run admin -- create --email EMAIL --password PASSWORD [--role admin|moderator]   (admin unless --role says otherwise)\n       npm run admin -- list';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', default: 'admin' } },
  });
  if (positionals[0] !== 'create' && positionals[0] !== 'list') {
    console.error(usage);
    return 2;
  }
  loadEnvFile();
  const db = await openDatabase(loadConfig(), { mustExist: positionals[0] === 'list' });
  try {
    switch (positionals[0]) {
      case 'create': {
        const input = createModeratorSchema.safeParse(values);
        if (!input.success) {
          // The account rules speak in catalogue keys (the first-run page shows them in Arabic too).
          // One line per option: an address can fail two rules with one message.
          const lines = input.error.issues.map((issue) => `--${issue.path.join('.')}: ${isMessageKey(issue.message) ? translate('en', issue.message) : issue.message}`);
          for (const line of new Set(lines)) console.error(line);
          console.error(usage);
          return 2;
        }
        const moderator = await addModerator({ db, clock: systemClock }, input.data);
        console.log(`created ${moderator.role} ${moderator.email} (id ${moderator.id})`);
        return 0;
      }
      case 'list':
        for (const m of await listModeratorAccounts({ db })) console.log(`${m.id}\t${m.role}\t${m.email}`);
        return 0;
    }
  } finally {
    await db.$disconnect();
  }
}

runCli('admin', usage, main);
