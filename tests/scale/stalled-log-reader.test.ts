// A real process whose log reader stops reading (a collector that hangs, a paused terminal): it keeps answering and
// still stops on SIGTERM. Its stdout is a pipe nobody empties, so it fills after a few hundred access lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSqliteDatabase, parseLine, startInstance, type Instance } from './support.js';

/** Sends `count` reads, `connections` at a time, each given `timeoutMs`; returns their statuses (0 for a read that timed out). */
async function readMany(url: string, count: number, connections: number, timeoutMs: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < count) {
        next += 1;
        statuses.push(await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).then((response) => response.status, () => 0));
      }
    }),
  );
  return statuses;
}

describe('a log reader that stops reading', () => {
  it('holds up neither the answers nor the shutdown; the reader finds JSON lines when it reads again', async () => {
    const database = await createSqliteDatabase();
    let launched: Instance | undefined;
    try {
      const instance = (launched = await startInstance({ DATABASE_URL: database.url }));
      instance.child.stdout?.pause();
      // 3,000 access lines of about 200 bytes: several times what the pipe and the paused reader's buffer hold.
      const statuses = await readMany(`${instance.url}/api/v1/threads/stalled-log/comments`, 3000, 20, 5000);
      assert.equal(statuses.filter((status) => status === 200).length, 3000, `statuses other than 200: ${statuses.filter((s) => s !== 200).slice(0, 5).join(', ')}`);

      const signalled = Date.now();
      instance.child.kill('SIGTERM');
      const exited = await Promise.race([instance.exited, new Promise((resolve) => setTimeout(resolve, 5000, 'still running 5 s after SIGTERM'))]);
      assert.equal(exited, 0);
      assert.ok(Date.now() - signalled < 5000);

      instance.child.stdout?.resume();
      await new Promise((resolve) => instance.child.stdout?.once('close', resolve));
      const lines = instance.lines.filter((line) => line.trim() !== '');
      assert.ok(lines.length > 100, `${lines.length} lines`);
      assert.ok(lines.every((line) => parseLine(line) !== null), 'every line is whole JSON');
    } finally {
      await launched?.stop('SIGKILL');
      await database.drop();
    }
  });
});
