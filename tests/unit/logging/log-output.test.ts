// The log output against a real pipe (a FIFO) whose reader stops reading, then reads again.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogOutput } from '../../../src/logging/log-output.js';
import { createLogger } from '../../../src/logging/logger.js';

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
  return { reader, writer: openSync(path, 'w') };
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
});
