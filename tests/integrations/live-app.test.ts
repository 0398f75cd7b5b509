// The app on a port of its own that the browser tests use: closing it waits for the handlers under way, so a request
// a closing page hung up on never meets a dropped database (which failed the sign-in tests' teardown now and then on
// PostgreSQL).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatedThreadCache } from '../setup/gated-thread-cache.js';
import { startApp } from '../setup/live-app.js';

describe('the app on a port of its own (tests/setup/live-app.ts)', () => {
  it('closes only once a handler its reader hung up on has answered from the database', async () => {
    const threadCache = new GatedThreadCache();
    const app = await startApp({}, { threadCache });
    const hangUp = new AbortController();
    const reading = fetch(`${app.origin}/api/v1/threads/a-story/comments`, { signal: hangUp.signal }).then(
      () => 'answered',
      () => 'hung up',
    );
    await threadCache.entered;
    hangUp.abort();
    assert.equal(await reading, 'hung up');
    // Past its cache the handler reads the thread from the database, which close() must not have dropped by then
    // (its error would fail close(), or come after it unseen).
    setTimeout(() => threadCache.open(), 50);
    await app.close();
    assert.ok(threadCache.passed, 'the app closed while a handler was still running');
  });
});
