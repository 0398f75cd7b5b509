// npm run export [-- --out FILE]
// Writes every thread and comment of DATABASE_URL as JSON Lines to stdout or FILE.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { loadConfig, loadEnvFile } from '../src/config/config.js';
import { exportLines } from '../src/exports/export.service.js';
import { openDatabase, runCli } from './cli.js';

function openForWriting(path: string): Promise<WriteStream> {
  const out = createWriteStream(path);
  return new Promise((resolve, reject) => {
    out.once('ready', () => resolve(out));
    out.once('error', reject);
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  loadEnvFile();
  const config = loadConfig();
  const db = await openDatabase(config, { mustExist: true });
  try {
    // Opened before anything is read, so a path that cannot be written is told at once (and never an unhandled 'error').
    const out = values.out ? await openForWriting(values.out) : process.stdout;
    for await (const line of exportLines(db, config.SECRET)) {
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

runCli('export', 'usage: npm run export [-- --out FILE]', main);
