// Runs every tests/**/*.test.ts file with node's test runner (Node 20 has no glob support for --test).
// Usage: node scripts/run-tests.mjs [--checks] [path-substring | file ...]
//   --checks      first type-check the project, check its import rules (.dependency-cruiser.cjs) and look for
//                 unused files and exports (knip.json); what `npm test` does
//   substrings    run only the files whose path contains one of them; a path to a .test.ts file runs that file
// Each file runs in its own process with a time limit (TEST_FILE_TIMEOUT_SECONDS): past it the runner
// stops the process and fails the file, so a server or child left running cannot hang the suite.
// Before anything slow it checks what the selected tests need, so a missing browser is one line, not a hang.
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** Where Chromium may be, first match wins; CHROMIUM_PATH points anywhere else. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // Fixtures may look like test files (the runner's own tests use some) but are never run directly.
    if (path === join('tests', 'fixtures')) return [];
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The Chromium the browser tests drive, or null with the reason printed. */
function findChromium() {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (isExecutable(chosen)) return chosen;
    console.error(`CHROMIUM_PATH=${chosen} is not an executable file: point it at a Chromium or Chrome binary, or unset it to use Debian's (apt-get install chromium).`);
    return null;
  }
  const found = CHROMIUM_CANDIDATES.find(isExecutable);
  if (!found) {
    console.error('The browser tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.');
  }
  return found ?? null;
}

const args = process.argv.slice(2);
const checks = args.includes('--checks');
const filters = args.filter((arg) => arg !== '--checks');
const named = filters.filter((f) => f.endsWith('.test.ts') && existsSync(f));
const files = [
  ...named,
  ...findTests('tests').filter((file) => !named.includes(file) && (filters.length === 0 || filters.some((f) => file.includes(f)))),
].sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const env = { ...process.env, NODE_ENV: 'test' };
if (files.some((file) => file.startsWith(join('tests', 'browser')))) {
  const chromium = findChromium();
  if (!chromium) process.exit(1);
  env.CHROMIUM_PATH = chromium;
}
if (checks) {
  for (const script of ['typecheck', 'depcheck', 'deadcheck']) {
    const run = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
    // With a process per file, node applies this to each file as a whole.
    `--test-timeout=${Number(process.env.TEST_FILE_TIMEOUT_SECONDS ?? 300) * 1000}`,
    ...files,
  ],
  { stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
