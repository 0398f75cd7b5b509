import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { bundleLoader, staticAsset, writePrebuilt } from '../../src/browser/bundler.js';

const dir = mkdtempSync(join(tmpdir(), 'majlis-prebuilt-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const script = `(()=>{const m={ar:"من فضلك اكتب تعليقك!",en:"Please enter your comment!"};${'console.log(m);'.repeat(200)}})();`;
const refuseToBuild = async () => {
  throw new Error('the prebuilt files should have been used');
};

describe('prebuilt bundles', () => {
  it('are read back with their compressed forms and ETags, without building or compressing again', async () => {
    const asset = staticAsset(script);
    const path = join(dir, 'embed.js');
    writePrebuilt(path, asset);
    const loaded = await bundleLoader(path, refuseToBuild)();
    assert.deepEqual(loaded, asset);
  });

  it('have stale or missing compressed files made again from the script', async () => {
    const path = join(dir, 'stale.js');
    writePrebuilt(path, staticAsset('an older script '.repeat(100)));
    writeFileSync(path, script);
    const loaded = await bundleLoader(path, refuseToBuild)();
    assert.equal(loaded.identity.body.toString(), script);
    assert.equal(brotliDecompressSync(loaded.br?.body ?? Buffer.alloc(0)).toString(), script);
    assert.deepEqual(loaded, staticAsset(script));
    rmSync(`${path}.gz`);
    assert.equal((await bundleLoader(path, refuseToBuild)()).gzip?.body.length, gzipSync(script, { level: 9 }).length);
  });

  it('are built (once) when no prebuilt file exists', async () => {
    let builds = 0;
    const load = bundleLoader(join(dir, 'missing.js'), async () => {
      builds += 1;
      return staticAsset(script);
    });
    await Promise.all([load(), load()]);
    assert.equal(builds, 1);
  });
});
