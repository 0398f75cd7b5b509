// npm run import -- wordpress FILE.xml [--lang ar|en]
// npm run import -- disqus FILE.xml [--lang ar|en]
// npm run import -- majlis FILE.ndjson [--lang ar|en]
// Streams a WordPress (WXR), Disqus or Majlis (npm run export) export into DATABASE_URL. Running it twice changes nothing.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig, loadEnvFile } from '../src/config/config.js';
import { formatSummary, importFile, IMPORT_FORMATS } from '../src/imports/import-file.js';
import { systemClock } from '../src/shared/clock.js';
import { recordOutsideChanges } from '../src/threads/outside-changes.service.js';
import { openDatabase, runCli } from './cli.js';

const usage = 'usage: npm run import -- wordpress|disqus FILE.xml [--lang ar|en]\n       npm run import -- majlis FILE.ndjson [--lang ar|en]  (a Majlis export: --lang only where it names no language)';

const argsSchema = z.object({
  format: z.enum(IMPORT_FORMATS),
  file: z.string().min(1).refine((file) => existsSync(file), 'file not found'),
  lang: z.enum(['ar', 'en']).optional(),
});

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { lang: { type: 'string' } } });
  // reportInput: an issue tells a value given but wrong ("file not found") from one not given ("missing").
  const args = argsSchema.safeParse({ format: positionals[0], file: positionals[1], lang: values.lang }, { reportInput: true });
  if (!args.success) {
    // Named as the usage names them: FORMAT (wordpress, disqus or majlis), FILE, --lang.
    for (const issue of args.error.issues) console.error(`${String(issue.path[0]) === 'lang' ? '--lang' : String(issue.path[0]).toUpperCase()}: ${issue.input === undefined ? 'missing' : issue.message}`);
    console.error(usage);
    return 2;
  }
  loadEnvFile();
  const config = loadConfig();
  const db = await openDatabase(config, { mustExist: false });
  try {
    const summary = await importFile({ db, secret: config.SECRET, clock: systemClock }, args.data.format, args.data.file, { threadLang: args.data.lang });
    // A running Majlis has cached these threads' pages as they were: it drops them within seconds.
    await recordOutsideChanges(db, summary.threadKeys, systemClock.now());
    console.log(formatSummary(summary));
    return summary.error ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

runCli('import', usage, main);
