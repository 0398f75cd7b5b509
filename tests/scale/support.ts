// Shared helpers of the scale tests: throwaway databases, a Redis key prefix, and Majlis as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Db } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { writeSetting } from '../../src/settings/settings.repository.js';
import { systemClock } from '../../src/shared/clock.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PG_SERVER = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A migrated database of its own, and how to throw it away. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

function onServer(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Why PostgreSQL cannot be used, or null when it can; unreachable only counts when TEST_DATABASE_URL is unset. */
export async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: onServer(PG_SERVER, 'postgres'), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (error) {
    if (process.env.TEST_DATABASE_URL) throw error;
    return `PostgreSQL is unreachable at ${PG_SERVER} and TEST_DATABASE_URL is unset (${String(error)})`;
  }
}

/** Why Redis cannot be used, or null when it can; unreachable only counts when TEST_REDIS_URL is unset. */
export async function redisUnavailable(): Promise<string | null> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    if (process.env.TEST_REDIS_URL) throw error;
    return `Redis is unreachable at ${REDIS_URL} and TEST_REDIS_URL is unset (${String(error)})`;
  } finally {
    redis.disconnect();
  }
}

/** A fresh migrated PostgreSQL database on the test server, dropped afterwards. */
export async function createPostgresDatabase(): Promise<ScratchDatabase> {
  const name = `majlis_scale_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: onServer(PG_SERVER, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = onServer(PG_SERVER, name);
  await applyMigrations(url);
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: onServer(PG_SERVER, 'postgres') });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh migrated SQLite file in a temporary folder, removed afterwards. */
export async function createSqliteDatabase(): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'majlis-scale-'));
  const url = `file:${join(dir, 'majlis.db')}`;
  await applyMigrations(url);
  return { url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A Redis key prefix nobody else uses, and how to delete exactly its keys (never FLUSH). */
export interface ScratchRedis {
  url: string;
  prefix: string;
  client: Redis;
  drop(): Promise<void>;
}

/** Opens Redis with a random prefix for one test file. */
export async function createScratchRedis(): Promise<ScratchRedis> {
  const prefix = `majlis-test-${randomBytes(6).toString('hex')}:`;
  const client = new Redis(REDIS_URL);
  return {
    url: REDIS_URL,
    prefix,
    client,
    async drop() {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length > 0) await client.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await client.quit();
    },
  };
}

/** One running Majlis child process. */
export interface Instance {
  child: ChildProcess;
  port: number;
  url: string;
  /** Every stdout line so far (pino JSON). */
  lines: string[];
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

const TSX = import.meta.resolve('tsx');
const MAIN = join(ROOT, 'src', 'main.ts');

/**
 * Starts `src/main.ts` through tsx (or node with `nodeArgs`: a compiled main.js and its flags) with the given environment
 * (in `cwd`, the repository by default) and waits until it listens: on a free port read from its info-level "listening"
 * line, or on `env.PORT` when given.
 */
export async function startInstance(env: Record<string, string>, options: { cwd?: string; nodeArgs?: string[] } = {}): Promise<Instance> {
  const child = spawn(process.execPath, options.nodeArgs ?? ['--import', TSX, MAIN], {
    cwd: options.cwd ?? ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      SECRET: 'scale-test-secret-that-is-long-enough-0123',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If this test process ends first (a failure, its time limit), the instance must not outlive it.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  const lines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`instance did not start in 30s:\n${lines.join('\n')}\n${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const parsed = parseLine(line);
        if (typeof parsed?.port === 'number' && String(parsed.msg).includes('listening')) {
          clearTimeout(timer);
          resolve(parsed.port);
        }
      }
    });
    // With a fixed PORT the log level may hide the "listening" line: poll /healthz instead.
    const fixed = Number(env.PORT ?? 0);
    if (fixed > 0) {
      void (async () => {
        while (child.exitCode === null) {
          if (await fetch(`http://127.0.0.1:${fixed}/healthz`).then((response) => response.ok, () => false)) {
            clearTimeout(timer);
            return resolve(fixed);
          }
          await new Promise((done) => setTimeout(done, 100));
        }
      })();
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited (${code}) before listening:\n${lines.join('\n')}\n${stderr}`));
    });
  }).catch((error: unknown) => {
    // A child left running would keep the test process (and its pipes) alive forever.
    child.kill('SIGKILL');
    throw error;
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    lines,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** One pino line as an object, or null when it is not JSON. */
export function parseLine(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A TCP port nothing listens on right now (for instances whose log level hides the port they chose). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A comment post body unique per call, so flood and duplicate rules never see a repeat by accident. */
export function commentBody(n: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    // Short of the ten words near-copy detection looks at: these bodies differ only by number.
    body: `Scale test comment ${n}: a considered view.`,
    authorName: `Reader ${n}`,
    authorEmail: `reader${n}-${randomBytes(3).toString('hex')}@example.org`,
    ...extra,
  });
}

/** Posts JSON and returns status and parsed body. */
export async function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Stores a moderation policy, as an admin saving it would; the spawned instances run on the system clock. */
export async function seedPolicy(db: Db, value: { premoderation: string; floodIntervalSeconds: number }): Promise<void> {
  await writeSetting(db, 'moderation.policy', value, null, systemClock.now());
}
