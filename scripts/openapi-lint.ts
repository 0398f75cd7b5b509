// npm run openapi:lint
// Writes the document GET /api/v1/openapi.json serves to a temporary file and lints it with Redocly
// CLI under redocly.yaml. Offline: telemetry and the update check are off.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildOpenApiDocument } from '../src/openapi/openapi.js';

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'majlis-openapi-'));
const file = join(dir, 'openapi.json');
try {
  writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
  const result = spawnSync(process.execPath, [cli, 'lint', file, '--config', 'redocly.yaml', '--format', 'codeframe'], {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
