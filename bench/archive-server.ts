// What the --scale and --stalls benches measure against: an archive of `size` comments on a temporary SQLite
// file (direct inserts, never analysed), Majlis serving it on the given clock, and an admin signed in.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createDb, type Db } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { createModerator } from '../src/moderators/auth.service.js';
import type { Clock } from '../src/shared/clock.js';
import { MemoryThreadCache } from '../src/threads/thread-cache.js';
import { insertArchive } from './bulk-comments.js';

export interface ArchiveServer {
  db: Db;
  /** The server's address, `http://127.0.0.1:<port>`. */
  base: string;
  /** Headers of the signed-in admin's JSON requests. */
  auth: Record<string, string>;
  threadCache: MemoryThreadCache;
  /** Threads `<tag>-1` … `<tag>-<threads>`, about 100 comments each. */
  threads: number;
  buildSeconds: number;
  close(): Promise<void>;
}

/** Builds the archive, runs `prepare` on it before the server starts (settings), and serves it. */
export async function openArchiveServer(tag: string, size: number, clock: Clock, prepare: (db: Db) => Promise<void> = async () => {}): Promise<ArchiveServer> {
  const dir = mkdtempSync(join(tmpdir(), `majlis-${tag}-`));
  const url = `file:${join(dir, 'archive.db')}`;
  try {
    await applyMigrations(url);
    const { db } = createDb(url);
    const threads = Math.max(10, Math.round(size / 100));
    const building = performance.now();
    await insertArchive(db, false, { tag, threads, authors: Math.max(10, Math.round(size / 20)), comments: size });
    const buildSeconds = (performance.now() - building) / 1000;
    await prepare(db);
    const config = loadConfig({ DATABASE_URL: url, SECRET: 'bench-secret-bench-secret-bench-secret', RATE_LIMIT_POSTS: '100000000', LOG_LEVEL: 'warn', PORT: '0' });
    const threadCache = new MemoryThreadCache();
    const server = createApp({ config, db, logger: createLogger('warn'), clock, threadCache }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const admin = { email: 'admin@bench.example', password: 'bench password long enough' };
    await createModerator({ db, clock }, { ...admin, role: 'admin' });
    const login = (await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) })).json()) as { token: string };
    return {
      db,
      base,
      auth: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' },
      threadCache,
      threads,
      buildSeconds,
      async close() {
        server.close();
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
