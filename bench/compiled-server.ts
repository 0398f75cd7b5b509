// The bench server as production runs it: JavaScript on plain node, not TypeScript through tsx (whose
// loader, source maps and transform cache cost tens of MB of memory and some speed the service never pays).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Inside the repository (and ignored by git), so the compiled code finds node_modules and prisma/migrations as dist/ does. */
const OUT_DIR = join(ROOT, 'dist', 'bench-server');

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Compiles src/ and the bench server file by file, as `tsc -p tsconfig.build.json` does (no bundling,
 * same module layout), and returns the server's entry point.
 */
export async function compileBenchServer(): Promise<string> {
  // The server and the one bench module it imports; src/ compiled whole, as its modules load each other at run time.
  const benchFiles = [new URL('./server.ts', import.meta.url), new URL('./seed.ts', import.meta.url)].map((url) => fileURLToPath(url));
  await build({
    entryPoints: [...typescriptFiles(join(ROOT, 'src')), ...benchFiles],
    outdir: OUT_DIR,
    outbase: ROOT,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return join(OUT_DIR, 'bench', 'server.js');
}

/** The service itself compiled the same way (src/main.js), as `npm start` runs it from dist/: for the benches that start whole instances. */
export async function compileMain(): Promise<string> {
  await compileBenchServer();
  return join(OUT_DIR, 'src', 'main.js');
}

/** Node's CPU profiler for a bench server, when BENCH_CPU_PROF names a folder for its profiles. */
export function profileFlags(): string[] {
  const folder = process.env.BENCH_CPU_PROF;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
}

/**
 * The flags `npm start` gives node (package.json), so the bench server runs as the deployed one does;
 * BENCH_NODE_FLAGS (even empty) replaces them, to weigh other flags against them.
 */
export function startNodeFlags(): string[] {
  const chosen = process.env.BENCH_NODE_FLAGS;
  if (chosen !== undefined) return chosen.split(/\s+/).filter(Boolean);
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((word) => word.startsWith('--'));
}
