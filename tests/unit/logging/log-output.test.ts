// The log output against a real pipe (a FIFO) whose reader stops reading, then reads again.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import { createLogOutput } from '../../../src/logging/log-output.js';
import { createLogger } from '../../../src/logging/logger.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'majlis-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A FIFO's two ends: the writer as a log output would have it, the reader never waiting. Both stay open until the test
 * process ends: its output still holds the writer, and finishes it at exit.
 */
function pipe(name: string): { reader: number; writer: number } {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  // Non-blocking, as the output needs (stdout is made so by opening process.stdout).
  return { reader, writer: openSync(path, constants.O_WRONLY | constants.O_NONBLOCK) };
}

/** Reads whole lines until `done(lines)` or 5 s. */
async function readLines(fd: number, done: (lines: string[]) => boolean): Promise<string[]> {
  let text = '';
  const chunk = Buffer.alloc(65536);
  const until = Date.now() + 5000;
  while (Date.now() < until) {
    try {
      text += chunk.toString('utf8', 0, readSync(fd, chunk));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      await sleep(5);
    }
    const lines = text.split('\n').slice(0, -1);
    if (done(lines)) return lines;
  }
  throw new Error(`gave up reading: ${text.split('\n').length} lines so far`);
}

const PAD = 'x'.repeat(60);

describe('log output', () => {
  it('keeps lines up to its bound while the reader is stalled, drops the rest and logs how many once the reader has caught up', async () => {
    const { reader, writer } = pipe('stalled');
    const output = createLogOutput({ fd: writer, limitBytes: 16 * 1024 });
    const logger = createLogger('info', output);
    // 3,000 lines of about 150 bytes: far more than the pipe (64 KB) and the bound (16 KB) hold together.
    for (let i = 0; i < 3000; i += 1) logger.info({ i, pad: PAD }, 'line');
    await sleep(200);

    const lines = await readLines(reader, (read) => read.some((line) => line.includes('droppedLines')));
    const parsed = lines.map((line) => JSON.parse(line) as { msg: string; i?: number; droppedLines?: number; level: number });
    const written = parsed.filter((line) => line.msg === 'line');
    const report = parsed.filter((line) => line.droppedLines !== undefined);
    assert.equal(report.length, 1);
    assert.equal(report[0]?.level, 40);
    assert.ok(written.length < 3000 * 0.7, `${written.length} lines written`);
    assert.equal(written.length + (report[0]?.droppedLines ?? 0), 3000, 'every line is written or counted as dropped');
    assert.equal(output.droppedLines(), report[0]?.droppedLines, 'the metric counts them too');
    // The first lines, in order: those that fitted before the bound was reached.
    assert.deepEqual(written.slice(0, 100).map((line) => line.i), Array.from({ length: 100 }, (_, i) => i));
  });

  it('drops nothing from a reader that keeps up, with the bound the service runs with', async () => {
    const { reader, writer } = pipe('reading');
    const logger = createLogger('info', createLogOutput({ fd: writer }));
    const reading = readLines(reader, (read) => read.length >= 3000);
    for (let i = 0; i < 3000; i += 1) {
      logger.info({ i, pad: PAD }, 'line');
      if (i % 50 === 0) await sleep(1);
    }
    const lines = await reading;
    assert.deepEqual(lines.map((line) => (JSON.parse(line) as { i: number }).i), Array.from({ length: 3000 }, (_, i) => i));
    await sleep(50);
    assert.throws(() => readSync(reader, Buffer.alloc(10)), { code: 'EAGAIN' }, 'no report of dropped lines follows');
  });

  it('resolves written() once every kept line is out', async () => {
    const { reader, writer } = pipe('written');
    const output = createLogOutput({ fd: writer });
    const logger = createLogger('info', output);
    for (let i = 0; i < 3000; i += 1) logger.info({ i, pad: PAD }, 'line');
    const reading = readLines(reader, (read) => read.length >= 3000);
    await output.written(5000);
    assert.equal((await reading).length, 3000);
  });

  // A blocking pipe is what a service may inherit (from systemd, a container runtime, a shell's `|`). The child is plain
  // node on the compiled module: under tsx, which opens process.stdout itself, the pipe would be non-blocking anyway.
  it('lets a process exit although the reader of its stdout, a blocking pipe, has stalled', async () => {
    const compiled = join(ROOT, 'dist', 'test-log-output', 'log-output.mjs');
    await build({ entryPoints: [join(ROOT, 'src', 'logging', 'log-output.ts')], outfile: compiled, format: 'esm', platform: 'node', logLevel: 'warning' });
    const path = join(dir, 'blocking');
    execFileSync('mkfifo', [path]);
    openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', `
        import { createLogOutput } from ${JSON.stringify(pathToFileURL(compiled).href)};
        const output = createLogOutput();
        for (let i = 0; i < 3000; i += 1) output.stream.write(JSON.stringify({ i, pad: ${JSON.stringify(PAD)} }) + '\\n');
        // Long enough for the output to see that the reader took nothing.
        setTimeout(() => process.exit(0), 800);
      `],
      { stdio: ['ignore', openSync(path, 'w'), 'inherit'] },
    );
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const outcome = await Promise.race([exited, sleep(5000).then(() => 'still running 5 s on')]);
    child.kill('SIGKILL');
    assert.equal(outcome, 0);
  });
});
