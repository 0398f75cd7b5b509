// npm run model -- train [--from labelled.jsonl]
// npm run model -- status
// Trains the moderation classifier on the decisions in DATABASE_URL (and the labelled file, one
// {"text", "decision": "approve"|"reject"|"spam", "lang"?} per line), or says what it may vote on.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, loadEnvFile } from '../src/config/config.js';
import { createDb } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { readLabelledFile } from '../src/learning/labelled-file.js';
import { ModelService } from '../src/learning/model.service.js';
import { createLogger } from '../src/logging/logger.js';
import { systemClock } from '../src/shared/clock.js';
import { AppError } from '../src/shared/errors.js';

const usage = 'usage: npm run model -- train [--from labelled.jsonl]\n       npm run model -- status';

function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${(share * 100).toFixed(1)} %`;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { from: { type: 'string' } } });
  const command = positionals[0];
  if ((command !== 'train' && command !== 'status') || positionals.length > 1 || (values.from !== undefined && command !== 'train')) {
    console.error(usage);
    return 2;
  }
  if (values.from !== undefined && !existsSync(values.from)) {
    console.error(`${values.from}: file not found`);
    return 2;
  }
  loadEnvFile();
  const config = loadConfig();
  await applyMigrations(config.DATABASE_URL);
  const { db } = createDb(config.DATABASE_URL);
  const models = new ModelService({ db, clock: systemClock, logger: createLogger('warn'), config });
  try {
    if (command === 'status') {
      const { active, decided, newDecisions, minPerLabel } = await models.status();
      console.log(active ? `model ${active.version}, trained ${active.trainedAt.toISOString()} on ${active.examples} examples` : 'no model trained yet');
      console.log(`decided comments to learn from: ${decided.acceptable} approved, ${decided.abusive} rejected, ${decided.spam} spam (${newDecisions} new since the model)`);
      console.log(active?.readiness.ready ? `votes on: ${active.readiness.labels.join(', ')}` : `silent until it has ${minPerLabel} decisions of a kind and as many approvals`);
      return 0;
    }
    const file = values.from ? await readLabelledFile(values.from) : { examples: [], problems: [] };
    for (const { line, problem } of file.problems.slice(0, 20)) console.error(`${values.from}:${line}: ${problem} (skipped)`);
    if (file.problems.length > 20) console.error(`… and ${file.problems.length - 20} more lines skipped`);
    const model = await models.train(file.examples);
    console.log(`trained model ${model.version} on ${model.examples} examples (${file.examples.length} from the file)`);
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
