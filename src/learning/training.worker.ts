// Runs in a worker thread (training-thread.ts): training takes seconds of CPU and must never block requests.
import { parentPort, workerData } from 'node:worker_threads';
import { buildModel, serializeModel, type Example } from '../classifier/index.js';

const { examples, seed } = workerData as { examples: Example[]; seed: number };
const bytes = serializeModel(buildModel(examples, { seed }));
parentPort?.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
