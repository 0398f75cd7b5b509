// The newsroom's own classifier: trained on its moderators' decisions in a worker thread, stored as a
// numbered version that every instance picks up, and handed to the pipeline only once it has seen
// enough decisions of a kind to be trusted with them.
import { deserializeModel, LABELS, modelReadiness, riskScore, type Example, type Label, type Model, type ModelMetrics, type Readiness } from '../classifier/index.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import { isUniqueViolation, type CommentStatus, type Prisma } from '../db/models.js';
import type { Logger } from '../logging/logger.js';
import type { ClassifierInput } from '../pipeline/pipeline.js';
import type { Clock } from '../shared/clock.js';
import { sha256Hex } from '../shared/crypto.js';
import { AppError } from '../shared/errors.js';
import {
  claimJobLease,
  countLabelledExamples,
  countLabellingDecisionsAfter,
  deleteLabelledExamples,
  findDecidedComments,
  findLabelledExamples,
  findLatestModelSummary,
  findModel,
  findQueuedForScoring,
  insertLabelledExamples,
  insertModel,
  latestLabellingDecisionId,
  releaseJobLease,
  updateRiskScores,
} from './learning.repository.js';
import { trainInWorker } from './training-thread.js';

/** Training is seeded: the same decisions always give the same model. */
const SEED = 20_261_203;
const TRAINING_LEASE = 'classifier.training';
const TRAINING_LEASE_MS = 30 * 60_000;
/** How often the background job asks the database whether retraining is due. */
const RETRAIN_CHECK_MS = 60_000;
/** Comments waiting in the queue that a new model scores again, newest first. */
const RESCORE_LIMIT = 10_000;

const LABEL_OF_STATUS: Partial<Record<CommentStatus, Label>> = { approved: 'acceptable', rejected: 'abusive', spam: 'spam' };

/** A stored model as the API shows it. */
export interface ModelInfo {
  version: number;
  examples: number;
  trainedAt: Date;
  metrics: ModelMetrics | null;
}

/** The model in force on this instance, with what it may vote on. */
export interface ActiveModel extends ModelInfo {
  model: Model;
  readiness: Readiness;
}

/** What the model service needs. */
export interface ModelServiceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'CLASSIFIER_MIN_DECISIONS' | 'CLASSIFIER_RETRAIN_AFTER_DECISIONS' | 'CLASSIFIER_RETRAIN_HOURS' | 'CLASSIFIER_REFRESH_SECONDS' | 'CLASSIFIER_MAX_EXAMPLES'>;
}

/** The labelled example a comment's decision makes, from a moderator decision or an import. */
function exampleOf(comment: { body: string; status: CommentStatus; lang: string | null }): Example | null {
  const label = LABEL_OF_STATUS[comment.status];
  if (!label) return null;
  return { text: comment.body, label, ...(comment.lang === 'ar' || comment.lang === 'en' ? { lang: comment.lang } : {}) };
}

/** A stored example from a file, as training reads it (a label this version does not know is left out). */
function storedExample(row: { text: string; label: string; lang: string | null }): Example | null {
  const label = LABELS.find((known) => known === row.label);
  if (!label) return null;
  return { text: row.text, label, ...(row.lang === 'ar' || row.lang === 'en' ? { lang: row.lang } : {}) };
}

/** Loads, trains and refreshes the classifier; one per instance. */
export class ModelService {
  private active: ActiveModel | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private retrainCheckedAt = Number.NEGATIVE_INFINITY;
  private retraining: Promise<void> | null = null;

  constructor(private readonly deps: ModelServiceDeps) {}

  /** The newest stored model, looking for a newer one at most every CLASSIFIER_REFRESH_SECONDS (another instance may have trained it). */
  async current(): Promise<ActiveModel | null> {
    const now = this.deps.clock.now().getTime();
    if (now - this.checkedAt < this.deps.config.CLASSIFIER_REFRESH_SECONDS * 1000) return this.active;
    this.checkedAt = now;
    const latest = await findLatestModelSummary(this.deps.db);
    if (latest && latest.version !== this.active?.version) await this.load(latest.version);
    return this.active;
  }

  /** What the pipeline needs to score a comment, or null while no model may vote. */
  async forPipeline(): Promise<ClassifierInput | null> {
    const active = await this.current();
    return active?.readiness.ready ? { model: active.model, version: active.version, labels: active.readiness.labels } : null;
  }

  /**
   * Keeps a newsroom's labelled examples (a file of its archive's decisions), so that every training from now on
   * learns from them beside the moderators' decisions; the same example twice is kept once. Returns how many were new.
   */
  async keepLabelledExamples(examples: readonly Example[]): Promise<number> {
    const createdAt = this.deps.clock.now();
    return insertLabelledExamples(
      this.deps.db,
      examples.map(({ text, label, lang }) => ({ key: sha256Hex(`${label}\n${lang ?? ''}\n${text}`), text, label, lang: lang ?? null, createdAt })),
    );
  }

  /** Forgets the examples kept from files; the next training learns from the decisions alone. Returns how many there were. */
  forgetLabelledExamples(): Promise<number> {
    return deleteLabelledExamples(this.deps.db);
  }

  /** Trains a new version on every labelled decision and every example kept from files, in a worker thread. */
  async train(): Promise<ModelInfo> {
    const { db, clock, config } = this.deps;
    const lastDecisionId = await latestLabellingDecisionId(db);
    const [decided, kept] = await Promise.all([findDecidedComments(db, { limit: config.CLASSIFIER_MAX_EXAMPLES }), findLabelledExamples(db, config.CLASSIFIER_MAX_EXAMPLES)]);
    // Oldest first, so the same decisions always train the same model.
    const examples = [...decided.reverse().flatMap((comment) => exampleOf(comment) ?? []), ...kept.flatMap((row) => storedExample(row) ?? [])];
    if (examples.length === 0) throw new AppError('no_training_data', 'model.noExamples');
    const bytes = await trainInWorker(examples, SEED);
    const model = deserializeModel(bytes);
    const stored = { blob: bytes, examples: examples.length, metrics: (model.metrics ?? {}) as Prisma.InputJsonValue, lastDecisionId, trainedAt: clock.now() };
    const version = await insertModel(db, stored).catch((error: unknown) => (isUniqueViolation(error) ? insertModel(db, stored) : Promise.reject(error)));
    this.active = this.activate(version, model, stored.examples, stored.trainedAt);
    this.checkedAt = clock.now().getTime();
    this.deps.logger.info({ version, examples: examples.length, ready: this.active.readiness.ready }, 'trained the moderation classifier');
    await this.rescoreQueue(this.active);
    return this.active;
  }

  /**
   * The background job: retrains once CLASSIFIER_RETRAIN_AFTER_DECISIONS new decisions arrived, or
   * CLASSIFIER_RETRAIN_HOURS after the last training if any did. A lease keeps it to one instance.
   */
  async retrainIfDue(now: Date): Promise<void> {
    if (this.retraining || now.getTime() - this.retrainCheckedAt < RETRAIN_CHECK_MS) return;
    this.retrainCheckedAt = now.getTime();
    this.retraining = this.retrainWhenDue(now).finally(() => {
      this.retraining = null;
    });
    await this.retraining;
  }

  private async retrainWhenDue(now: Date): Promise<void> {
    const { db, config } = this.deps;
    const latest = await findLatestModelSummary(db);
    const fresh = await countLabellingDecisionsAfter(db, latest?.lastDecisionId ?? 0);
    const stale = latest === null || now.getTime() - latest.trainedAt.getTime() >= config.CLASSIFIER_RETRAIN_HOURS * 3_600_000;
    if (fresh === 0 || (fresh < config.CLASSIFIER_RETRAIN_AFTER_DECISIONS && !stale)) return;
    if (!(await claimJobLease(db, TRAINING_LEASE, now, new Date(now.getTime() + TRAINING_LEASE_MS)))) return;
    try {
      await this.train();
    } finally {
      await releaseJobLease(db, TRAINING_LEASE, this.deps.clock.now());
    }
  }

  /**
   * How many decisions of each kind there are to learn from now, how many examples are kept from files, and what the
   * model in force may vote on.
   */
  async status(): Promise<{ active: ActiveModel | null; readiness: Readiness; decided: Record<Label, number>; kept: Record<Label, number>; newDecisions: number; minPerLabel: number }> {
    const { db, config } = this.deps;
    const [active, decided, kept, latest] = await Promise.all([
      this.current(),
      findDecidedComments(db, { limit: config.CLASSIFIER_MAX_EXAMPLES }),
      countLabelledExamples(db),
      findLatestModelSummary(db),
    ]);
    const counts: Record<Label, number> = { acceptable: 0, abusive: 0, spam: 0 };
    for (const comment of decided) {
      const label = LABEL_OF_STATUS[comment.status];
      if (label) counts[label] += 1;
    }
    const keptCounts = Object.fromEntries(LABELS.map((label) => [label, kept.get(label) ?? 0])) as Record<Label, number>;
    // Without a model, what one trained now would lack: the decisions and kept examples there are, against the minimum.
    const learnable = Object.fromEntries(LABELS.map((label) => [label, counts[label] + keptCounts[label]])) as Record<Label, number>;
    const readiness = active?.readiness ?? { ...modelReadiness({ counts: learnable }, config.CLASSIFIER_MIN_DECISIONS), ready: false, labels: [] };
    return { active, readiness, decided: counts, kept: keptCounts, newDecisions: await countLabellingDecisionsAfter(db, latest?.lastDecisionId ?? 0), minPerLabel: config.CLASSIFIER_MIN_DECISIONS };
  }

  /**
   * The examples moderators' decisions made of the comments posted since `since` and after the model in force was trained
   * (newest first, at most CLASSIFIER_MAX_EXAMPLES): comments it never learned from, so what it does to them is what it
   * will do to the next ones. Scored on its own training examples it looked perfect, and a threshold chosen on them held
   * most new acceptable comments.
   */
  async unseenDecidedSince(since: Date): Promise<Example[]> {
    const active = await this.current();
    const after = active && active.trainedAt > since ? active.trainedAt : since;
    const decided = await findDecidedComments(this.deps.db, { limit: this.deps.config.CLASSIFIER_MAX_EXAMPLES, since: after });
    return decided.flatMap((comment) => exampleOf(comment) ?? []);
  }

  private async load(version: number): Promise<void> {
    const row = await findModel(this.deps.db, version);
    if (!row) return;
    try {
      this.active = this.activate(row.version, deserializeModel(new Uint8Array(row.blob)), row.examples, row.trainedAt);
    } catch (error) {
      // A damaged blob must not stop moderation: keep what is in force and say so.
      this.deps.logger.error({ err: error, version }, 'a stored classifier model could not be read; the previous one stays in force');
    }
  }

  private activate(version: number, model: Model, examples: number, trainedAt: Date): ActiveModel {
    return { version, model, examples, trainedAt, metrics: model.metrics, readiness: modelReadiness(model, this.deps.config.CLASSIFIER_MIN_DECISIONS) };
  }

  /** Scores the waiting queue again, so "riskiest first" reflects the model in force. */
  private async rescoreQueue(active: ActiveModel): Promise<void> {
    const queued = await findQueuedForScoring(this.deps.db, RESCORE_LIMIT);
    const labels = active.readiness.labels;
    await updateRiskScores(this.deps.db, queued.map(({ id, body }) => ({ id, riskScore: labels.length > 0 ? riskScore(active.model, body, labels) : null })));
  }
}
