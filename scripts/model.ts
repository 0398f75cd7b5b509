// npm run model -- train [--from labelled.jsonl]
// npm run model -- status
// npm run model -- forget-files
// Trains the moderation classifier on the decisions in DATABASE_URL and the examples kept from labelled files (one
// {"text", "decision": "approve"|"reject"|"spam", "lang"?} per line; a file given with --from is kept for every later
// training), says what it may vote on, or forgets the kept examples.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, loadEnvFile } from '../src/config/config.js';
import { readLabelledFile } from '../src/learning/labelled-file.js';
import { ModelService } from '../src/learning/model.service.js';
import { createLogger } from '../src/logging/logger.js';
import { systemClock } from '../src/shared/clock.js';
import { AppError } from '../src/shared/errors.js';
import { openDatabase, runCli } from './cli.js';

const usage = 'usage: npm run model -- train [--from labelled.jsonl]\n       npm run model -- status\n       npm run model -- forget-files';
const COMMANDS = ['train', 'status', 'forget-files'];

function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${(share * 100).toFixed(1)} %`;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { from: { type: 'string' } } });
  const command = positionals[0];
  if (command === undefined || !COMMANDS.includes(command) || positionals.length > 1 || (values.from !== undefined && command !== 'train')) {
    console.error(usage);
    return 2;
  }
  if (values.from !== undefined && !existsSync(values.from)) {
    console.error(`${values.from}: file not found`);
    return 2;
  }
  loadEnvFile();
  const config = loadConfig();
  const db = await openDatabase(config, { mustExist: true });
  const models = new ModelService({ db, clock: systemClock, logger: createLogger('warn'), config });
  try {
    if (command === 'status') {
      const { active, decided, kept, newDecisions, minPerLabel } = await models.status();
      console.log(active ? `model ${active.version}, trained ${active.trainedAt.toISOString()} on ${active.examples} examples` : 'no model trained yet');
      console.log(`decided comments to learn from: ${decided.acceptable} approved, ${decided.abusive} rejected, ${decided.spam} spam (${newDecisions} new since the model)`);
      console.log(`examples kept from files: ${kept.acceptable} approve, ${kept.abusive} reject, ${kept.spam} spam`);
      if (active?.readiness.ready) console.log(`votes on: ${active.readiness.labels.join(', ')}`);
      const missing = active?.readiness.missing ?? [];
      // Approvals are not a kind it votes on: without enough of them it is silent on every kind.
      const approvals = missing.find(({ label }) => label === 'acceptable');
      const kinds = missing.filter(({ label }) => label !== 'acceptable');
      if (approvals) console.log(`silent on every kind until it learns from ${approvals.needed} approved comments (it had ${approvals.examples})`);
      if (kinds.length > 0) console.log(`silent on ${kinds.map(({ label, examples, needed }) => `${label} (learned from ${examples} of the ${needed} it needs)`).join(', ')}`);
      if (!active) console.log(`silent until it has ${minPerLabel} examples of a kind and as many approvals`);
      for (const { label, rocAuc, needed } of active?.readiness.weak ?? []) {
        console.log(`silent on ${label}: its cross-validated ROC AUC is ${rocAuc.toFixed(3)}, below the ${needed} it needs to vote`);
      }
      return 0;
    }
    if (command === 'forget-files') {
      console.log(`forgot ${await models.forgetLabelledExamples()} examples kept from files; the next training learns from the decisions alone`);
      return 0;
    }
    const file = values.from ? await readLabelledFile(values.from) : { examples: [], problems: [] };
    for (const { line, problem } of file.problems.slice(0, 20)) console.error(`${values.from}:${line}: ${problem} (skipped)`);
    if (file.problems.length > 20) console.error(`… and ${file.problems.length - 20} more lines skipped`);
    // A file given for training that gives nothing is a mistake to stop at, not a training on the decisions alone.
    if (values.from && file.examples.length === 0) {
      console.error(`${values.from}: no usable line (each is {"text": "…", "decision": "approve" | "reject" | "spam"}); nothing trained`);
      return 1;
    }
    const added = await models.keepLabelledExamples(file.examples);
    const model = await models.train();
    const fromFile = values.from ? `; ${file.examples.length} from the file, ${added} of them new, kept for every later training` : '';
    console.log(`trained model ${model.version} on ${model.examples} examples${fromFile}`);
    for (const label of ['abusive', 'spam'] as const) {
      const figures = model.metrics?.labels[label];
      if (figures) console.log(`${label}: ROC AUC ${figures.rocAuc.toFixed(3)}, recall at 1/2/5 % false holds ${percent(figures.recallAt1)} / ${percent(figures.recallAt2)} / ${percent(figures.recallAt5)}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'no_training_data') {
      console.error('nothing to learn from: no decided comments in the database and no usable line in the file');
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

runCli('model', usage, main);
