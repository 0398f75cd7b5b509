// The test runner fails fast and clearly instead of hanging: a missing browser is one line before
// anything slow runs, and a test file that never ends is stopped at its time limit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

describe('scripts/run-tests.mjs', () => {
  it('stops at once with one line saying how to get Chromium when the browser tests cannot find it', () => {
    const started = Date.now();
    const run = spawnSync(process.execPath, ['scripts/run-tests.mjs', '--checks', 'tests/browser/no-js'], {
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 1);
    assert.ok(Date.now() - started < 30_000);
    assert.deepEqual(run.stderr.trim().split('\n'), [
      "CHROMIUM_PATH=/nonexistent/chromium is not an executable file: point it at a Chromium or Chrome binary, or unset it to use Debian's (apt-get install chromium).",
    ]);
    assert.equal(run.stdout, '', 'nothing ran: no checks, no test');
  });

  it('stops a test file that outlives its time limit, fails it and goes on', () => {
    const started = Date.now();
    // As `npm test` starts it; NODE_TEST_CONTEXT would tell it it runs inside this file's runner.
    const { NODE_TEST_CONTEXT: _inside, ...env } = process.env;
    const run = spawnSync(process.execPath, ['scripts/run-tests.mjs', 'tests/fixtures/runner/leaves-a-server-open.test.ts'], {
      env: { ...env, TEST_FILE_TIMEOUT_SECONDS: '2' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.ok(Date.now() - started < 15_000, 'stopped at its limit, not at the outer timeout');
    assert.match(run.stdout, /leaves-a-server-open\.test\.ts[\s\S]*test timed out after 2000ms/);
  });
});
