// npm run bench -- --moderation [--corpora DIR]: the classifier against the default word lists on
// labelled public comments. Per corpus, 5-fold cross-validation (train on four folds as if they
// were the newsroom's decisions, score the fifth) next to the word lists on the same texts; then
// speed. Run directly with `npx tsx bench/moderation.ts`.
import { pathToFileURL } from 'node:url';
import { crossValidatedScores, metricsOf, shareAbove, thresholdForFalseHolds, type Example } from '../src/classifier/index.js';
import { createWordMatcher } from '../src/text/matcher.js';
import { defaultBannedWords, defaultSuspectWords } from '../src/text/wordlists/index.js';
import { benchClassifierSpeed } from './classifier-speed.js';
import { CORPORA, corporaDirectory, missingCorporaMessage, readCorpus, type Corpus } from './corpora.js';

const FOLDS = 5;
const SEED = 1;
const GOALS = { arabicTimesLists: 10, arabicAuc: 0.85, spamRecallAt1: 0.9, scoresPerSecond: 5000, trainSeconds: 30, storedBytes: 16 * 2 ** 20 };

interface CorpusFigures {
  corpus: Corpus;
  acceptable: number;
  positives: number;
  auc: number;
  recallAt: [number, number, number];
  listsFalseHolds: number;
  listsRecall: number;
  recallAtListsRate: number;
}

// The policy's default lists, as a new installation has them: flagged when either list matches.
const banned = createWordMatcher(defaultBannedWords);
const suspect = createWordMatcher(defaultSuspectWords);
const flaggedByLists = (text: string) => banned.find(text).length > 0 || suspect.find(text).length > 0;

function measure(corpus: Corpus, examples: readonly Example[]): CorpusFigures {
  const label = corpus.kind === 'spam' ? 'spam' : 'abusive';
  const scores = crossValidatedScores(examples, { seed: SEED, folds: FOLDS });
  const metrics = metricsOf(examples.map((example, i) => ({ score: scores[i] as number, label: example.label })), FOLDS);
  const figures = metrics.labels[label];
  if (figures === null) throw new Error(`${corpus.file}: no ${label} examples`);
  const acceptableScores = scores.filter((_, i) => (examples[i] as Example).label === 'acceptable');
  const positiveScores = scores.filter((_, i) => (examples[i] as Example).label === label);
  const flagged = examples.map((example) => flaggedByLists(example.text));
  // Share of the examples labelled `want` that the lists flag.
  const share = (want: string) => {
    const chosen = examples.flatMap((example, i) => (example.label === want ? [flagged[i] as boolean] : []));
    return chosen.filter(Boolean).length / chosen.length;
  };
  const listsFalseHolds = share('acceptable');
  const threshold = thresholdForFalseHolds([...acceptableScores], listsFalseHolds) as number;
  return {
    corpus,
    acceptable: acceptableScores.length,
    positives: positiveScores.length,
    auc: figures.rocAuc,
    recallAt: [figures.recallAt1, figures.recallAt2, figures.recallAt5],
    listsFalseHolds,
    listsRecall: share(label),
    recallAtListsRate: shareAbove([...positiveScores], threshold) ?? 0,
  };
}

const percent = (share: number, digits = 1) => `${(share * 100).toFixed(digits)} %`;

function timesLists(f: CorpusFigures): string {
  if (f.listsRecall === 0) return f.recallAtListsRate > 0 ? 'lists catch none' : '—';
  return `${(f.recallAtListsRate / f.listsRecall).toFixed(1)}×`;
}

const HEADER = [
  'corpus',
  'clean / positive',
  'ROC AUC',
  'recall at 1 % / 2 % / 5 % false holds',
  'word lists: false holds, recall',
  "classifier at the lists' false-hold rate",
  'vs lists',
];

function printTable(rows: readonly CorpusFigures[]): void {
  console.log(`\n| ${HEADER.join(' | ')} |`);
  console.log(`|${' --- |'.repeat(HEADER.length)}`);
  for (const f of rows) {
    const cells = [
      f.corpus.file,
      `${f.acceptable} / ${f.positives}`,
      f.auc.toFixed(3),
      f.recallAt.map((r) => percent(r)).join(' / '),
      `${percent(f.listsFalseHolds, 2)}, ${percent(f.listsRecall)}`,
      percent(f.recallAtListsRate),
      timesLists(f),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
}

function goal(text: string, met: boolean): void {
  console.log(`- [${met ? 'met' : 'NOT met'}] ${text}`);
}

/** Runs the benchmark and prints the tables; exits with an explanation when the corpora are missing. */
export function benchModeration(args: readonly string[]): void {
  const directory = corporaDirectory(args);
  const missing = missingCorporaMessage(directory);
  if (missing !== null) {
    console.error(missing);
    process.exitCode = 1;
    return;
  }
  const corpora = CORPORA.map((corpus) => ({ corpus, examples: readCorpus(directory, corpus) }));
  const title = `Moderation classifier vs the default word lists (${FOLDS}-fold cross-validation, seed ${SEED}, corpora in ${directory})`;
  console.log(`\n## ${title}`);
  const rows = corpora.map(({ corpus, examples }) => measure(corpus, examples));
  printTable(rows);
  const speed = benchClassifierSpeed(corpora.flatMap(({ examples }) => examples));
  console.log('\n## Classifier speed (one core, CPU time)');
  for (const [name, value] of Object.entries(speed)) {
    console.log(`${name.padEnd(36)} ${Number.isInteger(value) ? value : value.toFixed(2)}`);
  }
  console.log('\n## Goals');
  for (const f of rows.filter((row) => row.corpus.kind === 'offensive' && row.corpus.lang === 'ar')) {
    const timesMet = f.recallAtListsRate >= GOALS.arabicTimesLists * f.listsRecall;
    goal(`${f.corpus.file}: ≥ ${GOALS.arabicTimesLists}× the word lists' recall at their false-hold rate (${timesLists(f)})`, timesMet);
    goal(`${f.corpus.file}: ROC AUC ≥ ${GOALS.arabicAuc} (${f.auc.toFixed(3)})`, f.auc >= GOALS.arabicAuc);
  }
  for (const f of rows.filter((row) => row.corpus.kind === 'spam')) {
    const [recallAt1] = f.recallAt;
    goal(`${f.corpus.file}: ≥ ${percent(GOALS.spamRecallAt1, 0)} recall at 1 % false holds (${percent(recallAt1)})`, recallAt1 >= GOALS.spamRecallAt1);
  }
  const scored = speed.scoredWithExplanationPerSecond;
  goal(`scoring ≥ ${GOALS.scoresPerSecond} comments/s of 1,000 characters, with explanations (${scored})`, scored >= GOALS.scoresPerSecond);
  goal(`training on ${speed.trainingExamples} examples < ${GOALS.trainSeconds} s (${speed.trainSeconds.toFixed(1)} s)`, speed.trainSeconds < GOALS.trainSeconds);
  goal(`stored model < 16 MB (${(speed.storedBytes / 2 ** 20).toFixed(2)} MB)`, speed.storedBytes < GOALS.storedBytes);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) benchModeration(process.argv.slice(2));
