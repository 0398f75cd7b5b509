// Rules of docs/architecture.md that are about calls rather than imports, so .dependency-cruiser.cjs
// cannot see them: Prisma is called only by repositories and db/, and cached thread pages are dropped
// only through the threads feature's one function for it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' || name === 'client' ? [] : sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const MODELS = 'comment|thread|author|flag|moderator|moderatorSession|decision|setting|webhook|webhookDelivery|outgoingMail|moderatorAlert|privacyAction';
const PRISMA_CALL = new RegExp(`\\.(?:(?:${MODELS})\\.\\w+\\(|\\$(?:transaction|queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe)\\b)`);

/** `file:line: code` for every line of src/ outside `allowed` that matches `pattern`. */
function offenders(pattern: RegExp, allowed: (file: string) => boolean): string[] {
  return sourceFiles('src')
    .filter((file) => !allowed(file))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ file, line, n: i + 1 })))
    .filter(({ line }) => pattern.test(line) && !line.trimStart().startsWith('//') && !line.trimStart().startsWith('*'))
    .map(({ file, line, n }) => `${file}:${n}: ${line.trim()}`);
}

describe('architecture rules the import checker cannot see', () => {
  it('calls Prisma only in repositories and db/', () => {
    assert.deepEqual(offenders(PRISMA_CALL, (file) => file.endsWith('.repository.ts') || file.startsWith(join('src', 'db'))), []);
  });

  it('drops cached thread pages only through threads/thread-updates.service.ts', () => {
    const allowed = new Set([join('src', 'threads', 'thread-updates.service.ts'), join('src', 'threads', 'thread-cache.ts'), join('src', 'redis', 'redis-thread-cache.ts')]);
    assert.deepEqual(offenders(/\.invalidate(?:All)?\(/, (file) => allowed.has(file)), []);
  });

  it('finds what it looks for (the patterns are not vacuous)', () => {
    assert.ok(PRISMA_CALL.test('await tx.comment.findMany({})') && PRISMA_CALL.test('db.$transaction(async (tx) =>'));
    assert.ok(offenders(PRISMA_CALL, (file) => !file.endsWith('.repository.ts')).length > 20, 'repositories do call Prisma');
  });
});
