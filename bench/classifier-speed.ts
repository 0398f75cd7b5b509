// Speed of the classifier on one core: scoring 1,000-character comments (with and without the
// explanation) and training on 10,000 decided comments. Times are CPU time of this process, as in
// the matcher benchmark: on a shared machine the wall clock also counts waiting for a core.
import { buildModel, riskScore, scoreComment, serializeModel, trainModel, type Example, type Model } from '../src/classifier/index.js';

const COMMENT_LENGTH = 1000;
const COMMENTS = 500;
const TRAINING_EXAMPLES = 10_000;

/** Every k-th example, so the sample mixes every corpus and label; deterministic. */
function spreadSample(examples: readonly Example[], size: number): Example[] {
  const step = examples.length / size;
  return Array.from({ length: Math.min(size, examples.length) }, (_, k) => examples[Math.floor(k * step)] as Example);
}

/** Comments of exactly 1,000 characters made of consecutive texts from the examples. */
function longComments(examples: readonly Example[]): string[] {
  const comments: string[] = [];
  let next = 0;
  for (let c = 0; c < COMMENTS; c++) {
    let text = '';
    while (text.length < COMMENT_LENGTH) text += `${(examples[(next++ * 7919) % examples.length] as Example).text} `;
    comments.push(text.slice(0, COMMENT_LENGTH));
  }
  return comments;
}

function cpuSeconds<T>(work: () => T): { result: T; seconds: number; wallSeconds: number } {
  const started = performance.now();
  const before = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(before);
  return { result, seconds: (used.user + used.system) / 1e6, wallSeconds: (performance.now() - started) / 1000 };
}

// Best of four windows of `count` calls: other load on the machine can only slow a window down.
function perSecond(count: number, score: (k: number) => unknown): number {
  for (let k = 0; k < count; k++) score(k); // warm-up
  let best = 0;
  for (let window = 0; window < 4; window++) best = Math.max(best, count / cpuSeconds(() => { for (let k = 0; k < count; k++) score(k); }).seconds);
  return Math.round(best);
}

/** Scoring and training speed, and the stored size of a model trained on 10,000 examples. */
export function benchClassifierSpeed(examples: readonly Example[]) {
  const sample = spreadSample(examples, TRAINING_EXAMPLES);
  const training = cpuSeconds(() => trainModel(sample, { seed: 1 }));
  const building = cpuSeconds(() => buildModel(sample, { seed: 1 }));
  const comments = longComments(examples);
  const model: Model = training.result;
  return {
    trainingExamples: sample.length,
    trainSeconds: training.seconds,
    trainWallSeconds: training.wallSeconds,
    crossValidateAndTrainSeconds: building.seconds,
    scoredWithExplanationPerSecond: perSecond(2000, (k) => scoreComment(model, comments[k % COMMENTS] as string)),
    scoredWithoutExplanationPerSecond: perSecond(2000, (k) => riskScore(model, comments[k % COMMENTS] as string)),
    storedBytes: serializeModel(building.result).length,
  };
}
