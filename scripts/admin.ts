// npm run admin -- create --email ops@example.org --password '…' [--role admin|moderator] (admin by default: the first account)
// npm run admin -- list
// npm run admin -- update --email ops@example.org [--role admin|moderator] [--password '…'] [--disable | --enable]
import { parseArgs } from 'node:util';
import { loadConfig, loadEnvFile } from '../src/config/config.js';
import { isMessageKey, translate } from '../src/i18n/i18n.js';
import { addModerator, changeModerator, listModeratorAccounts, moderatorIdByEmail } from '../src/moderators/auth.service.js';
import { changeModeratorSchema, createModeratorSchema } from '../src/moderators/moderator.schemas.js';
import { systemClock } from '../src/shared/clock.js';
import { openDatabase, runCli } from './cli.js';

const usage = [
  'usage: npm run admin -- create --email EMAIL --password PASSWORD [--role admin|moderator]   (admin unless --role says otherwise)',
  '       npm run admin -- list',
  '       npm run admin -- update --email EMAIL [--role admin|moderator] [--password PASSWORD] [--disable | --enable]',
  '         (a new password or --disable ends the account\'s sessions; the last admin who can sign in stays one)',
].join('\n');

const COMMANDS = ['create', 'list', 'update'];

/** The account rules speak in catalogue keys (the first-run page shows them in Arabic too); one line per option, as an address can fail two rules with one message. */
function printIssues(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): void {
  const lines = issues.map((issue) => `${issue.path.length > 0 ? `--${issue.path.join('.')}: ` : ''}${isMessageKey(issue.message) ? translate('en', issue.message) : issue.message}`);
  for (const line of new Set(lines)) console.error(line);
  console.error(usage);
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, disable: { type: 'boolean' }, enable: { type: 'boolean' } },
  });
  if (!COMMANDS.includes(positionals[0] ?? '')) {
    if (positionals[0] !== undefined) console.error(`unknown command: ${positionals[0]} (${COMMANDS.join(', ')})`);
    console.error(usage);
    return 2;
  }
  loadEnvFile();
  const db = await openDatabase(loadConfig(), { mustExist: positionals[0] !== 'create' });
  try {
    switch (positionals[0]) {
      case 'create': {
        const input = createModeratorSchema.safeParse({ ...values, role: values.role ?? 'admin' });
        // An option left out is said to be missing, not measured as if it were empty ("at least 12 characters").
        const missing = (['email', 'password'] as const).filter((option) => values[option] === undefined);
        if (missing.length > 0 || !input.success) {
          const absent = missing.map((option) => ({ path: [option], message: 'missing' }));
          printIssues([...absent, ...(input.success ? [] : input.error.issues.filter((issue) => !missing.some((option) => issue.path[0] === option)))]);
          return 2;
        }
        const moderator = await addModerator({ db, clock: systemClock }, input.data);
        console.log(`created ${moderator.role} ${moderator.email} (id ${moderator.id})`);
        return 0;
      }
      case 'list':
        for (const m of await listModeratorAccounts({ db })) console.log(`${m.id}\t${m.role}\t${m.email}${m.disabled ? '\tdisabled' : ''}`);
        return 0;
      case 'update': {
        const both = Boolean(values.disable && values.enable);
        const disabled = both ? undefined : values.disable ? true : values.enable ? false : undefined;
        const nothing = values.role === undefined && values.password === undefined && disabled === undefined && !both;
        const input = changeModeratorSchema.safeParse({ role: values.role, password: values.password, disabled });
        if (!values.email || both || nothing || !input.success) {
          printIssues([
            ...(values.email ? [] : [{ path: ['email'], message: 'missing' }]),
            ...(both ? [{ path: ['disable'], message: 'not with --enable' }] : []),
            ...(nothing ? [{ path: [], message: 'say what to change: --role, --password, --disable or --enable' }] : []),
            // The API's own words for an empty change name its fields, not these options: said above instead.
            ...(input.success ? [] : input.error.issues.filter((issue) => issue.message !== 'moderator.change.empty')),
          ]);
          return 2;
        }
        const id = await moderatorIdByEmail({ db }, values.email);
        if (id === null) {
          console.error(`no moderator account has the address ${values.email}`);
          return 1;
        }
        // A refusal (the last admin) is told by runCli, as every tool's is.
        const changed = await changeModerator({ db, clock: systemClock }, id, input.data);
        console.log(`updated ${changed.role} ${changed.email} (id ${changed.id})${changed.disabled ? ', disabled' : ''}`);
        return 0;
      }
      default:
        return 2;
    }
  } finally {
    await db.$disconnect();
  }
}

runCli('admin', usage, main);
