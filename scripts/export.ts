// npm run export [-- --out FILE]
// Writes every thread and comment of DATABASE_URL as JSON Lines to stdout or FILE.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { loadConfig, loadEnvFile } from '../src/config/config.js';
import { createDb } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { exportLines } from '../src/exports/export.service.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  loadEnvFile();
  const config = loadConfig();
  await applyMigrations(config.DATABASE_URL);
  const { db } = createDb(config.DATABASE_URL);
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  try {
    for await (const line of exportLines(db)) {
      if (!out.write(line)) await once(out, 'drain');
    }
    if (values.out) {
      out.end();
      await once(out, 'finish');
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('export failed:', error);
    process.exit(1);
  },
);
