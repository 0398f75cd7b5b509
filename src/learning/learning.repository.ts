import type { DbClient } from '../db/client.js';
import type { CommentStatus, Prisma } from '../db/models.js';
import { isModeratorsStatus, NOT_AN_UNDO, PEOPLES_ACTORS, STANDING_DECISION, STANDING_DECISION_FIELDS } from '../comments/standing-decision.js';

/** Labels are people's decisions (PEOPLES_ACTORS). A moderator's undo restores what was there before: it judges nothing, so it is no label. */
const JUDGING: Prisma.DecisionWhereInput = { actor: { in: [...PEOPLES_ACTORS] }, ...NOT_AN_UNDO };
const DECIDED: CommentStatus[] = ['approved', 'rejected', 'spam'];

/**
 * The newest decided comments whose status is a moderator's (or an import's) word, by their newest standing entry
 * (isModeratorsStatus): a reversal is simply the latest decision, so it replaces the earlier label, and an undo that
 * puts back a moderator's decision puts back its label.
 */
export async function findDecidedComments(
  db: DbClient,
  scope: { limit: number; since?: Date },
): Promise<Array<{ id: number; body: string; status: CommentStatus; lang: string | null }>> {
  const rows = await db.comment.findMany({
    where: {
      status: { in: DECIDED },
      deletedAt: null,
      body: { not: '' },
      ...(scope.since ? { createdAt: { gte: scope.since } } : {}),
      decisions: { some: JUDGING },
    },
    orderBy: { id: 'desc' },
    take: scope.limit,
    select: { id: true, body: true, status: true, lang: true, editedAt: true, decisions: { where: STANDING_DECISION, orderBy: { id: 'desc' }, take: 1, select: STANDING_DECISION_FIELDS } },
  });
  return rows.filter((row) => isModeratorsStatus(row.decisions[0] ?? null, row)).map(({ decisions: _decisions, editedAt: _editedAt, ...row }) => row);
}

/** The newest labelling decision's id (0 before any). */
export async function latestLabellingDecisionId(db: DbClient): Promise<number> {
  const row = await db.decision.findFirst({ where: JUDGING, orderBy: { id: 'desc' }, select: { id: true } });
  return row?.id ?? 0;
}

/** How many labelling decisions came after `afterId`. */
export function countLabellingDecisionsAfter(db: DbClient, afterId: number): Promise<number> {
  return db.decision.count({ where: { id: { gt: afterId }, ...JUDGING } });
}

/** The newest model's version, when it was trained and the last decision it learned from; null before any. */
export function findLatestModelSummary(db: DbClient) {
  return db.classifierModel.findFirst({ orderBy: { version: 'desc' }, select: { version: true, trainedAt: true, lastDecisionId: true } });
}

/** One stored model. */
export function findModel(db: DbClient, version: number) {
  return db.classifierModel.findUnique({ where: { version } });
}

/** Stores a model as the next version; two instances storing at once make the loser retry (unique version). */
export async function insertModel(
  db: DbClient,
  model: { blob: Uint8Array; examples: number; metrics: Prisma.InputJsonValue; lastDecisionId: number; trainedAt: Date },
): Promise<number> {
  const latest = await db.classifierModel.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
  const version = (latest?.version ?? 0) + 1;
  await db.classifierModel.create({ data: { ...model, blob: Buffer.from(model.blob), version } });
  return version;
}

/** A labelled example from a file, as stored (src/learning/model.service.ts keeps them). */
export interface LabelledExampleRow {
  key: string;
  text: string;
  label: string;
  lang: string | null;
  createdAt: Date;
}

const KEYS_PER_READ = 500;

/** Stores the examples not stored yet (by key); returns how many were new. */
export async function insertLabelledExamples(db: DbClient, rows: readonly LabelledExampleRow[]): Promise<number> {
  let added = 0;
  for (let start = 0; start < rows.length; start += KEYS_PER_READ) {
    const chunk = rows.slice(start, start + KEYS_PER_READ);
    const stored = await db.labelledExample.findMany({ where: { key: { in: chunk.map((row) => row.key) } }, select: { key: true } });
    const known = new Set(stored.map((row) => row.key));
    const fresh = [...new Map(chunk.filter((row) => !known.has(row.key)).map((row) => [row.key, row])).values()];
    if (fresh.length > 0) added += (await db.labelledExample.createMany({ data: fresh })).count;
  }
  return added;
}

/** The stored examples, first brought first, at most `limit`. */
export function findLabelledExamples(db: DbClient, limit: number): Promise<Array<{ text: string; label: string; lang: string | null }>> {
  return db.labelledExample.findMany({ orderBy: { id: 'asc' }, take: limit, select: { text: true, label: true, lang: true } });
}

/** How many stored examples there are of each label. */
export async function countLabelledExamples(db: DbClient): Promise<Map<string, number>> {
  const groups = await db.labelledExample.groupBy({ by: ['label'], _count: { _all: true } });
  return new Map(groups.map((group) => [group.label, group._count._all]));
}

/** Forgets every stored example; returns how many there were. */
export async function deleteLabelledExamples(db: DbClient): Promise<number> {
  return (await db.labelledExample.deleteMany()).count;
}

/** Comments waiting for a moderator, newest first, for scoring again under a new model. */
export function findQueuedForScoring(db: DbClient, limit: number) {
  return db.comment.findMany({ where: { status: { in: ['pending', 'flagged'] }, deletedAt: null }, orderBy: { id: 'desc' }, take: limit, select: { id: true, body: true } });
}

/** Writes new risk scores (the moderators' "riskiest first" order). */
export async function updateRiskScores(db: DbClient, scores: Array<{ id: number; riskScore: number | null }>): Promise<void> {
  for (const { id, riskScore } of scores) await db.comment.update({ where: { id }, data: { riskScore } });
}

/** Takes the lease on a job until `until` unless another instance holds it; true when taken. */
export async function claimJobLease(db: DbClient, name: string, now: Date, until: Date): Promise<boolean> {
  const { count } = await db.jobLease.updateMany({ where: { name, leasedUntil: { lt: now } }, data: { leasedUntil: until } });
  if (count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, leasedUntil: until } });
    return true;
  } catch {
    // The row exists and its lease is live: another instance is at work.
    return false;
  }
}

/** Gives a lease back early, once the job is done. */
export async function releaseJobLease(db: DbClient, name: string, now: Date): Promise<void> {
  await db.jobLease.updateMany({ where: { name }, data: { leasedUntil: now } });
}
