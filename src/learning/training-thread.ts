import { Worker } from 'node:worker_threads';
import type { Example } from '../classifier/index.js';

/**
 * Trains a model on `examples` in a worker thread and answers its serialized bytes. Run from the
 * TypeScript sources (tests, `npm run dev`), the worker first registers tsx, which Node 20 workers do
 * not inherit; the compiled build runs the JavaScript worker directly.
 */
export function trainInWorker(examples: readonly Example[], seed: number): Promise<Uint8Array> {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(`./training.worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const workerData = { examples, seed };
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); })`, { eval: true, workerData })
    : new Worker(script, { workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (bytes: Uint8Array) => resolve(bytes));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the training worker stopped with exit code ${code}`));
    });
  });
}
