import type { Db } from '../db/client.js';
import { inTransaction } from '../db/unit-of-work.js';
import { langOrEnglish } from '../i18n/i18n.js';
import type { OutboxJob } from '../outbox/worker.js';
import { isAwaitingReview } from '../threads/visibility.js';
import { attachAlerts, deleteAlerts, findModeratorsWithAlerts, findUnmailedAlerts, insertMail, lastDigestAt } from './mail.repository.js';
import { digestMail } from './mail.templates.js';

/** What batching moderator alerts needs. */
export interface DigestDeps {
  db: Db;
  intervalSeconds: number;
  adminUrl: string;
}

/**
 * Turns moderators' pending alerts into at most one digest mail per moderator per interval. The
 * digest and the alerts it covers are written in one transaction; a racing worker that attached
 * fewer alerts than it read rolls back, so no alert is mailed twice. An alert whose comment no longer
 * awaits review (decided, or deleted, since) is dropped instead: the digest lists only what is still waiting.
 */
export function moderatorDigestJob(deps: DigestDeps): OutboxJob {
  return async (now) => {
    const failures: unknown[] = [];
    for (const moderatorId of await findModeratorsWithAlerts(deps.db)) {
      // One moderator's failing digest must not hold back the others': it is retried at the next poll.
      await sendDigest(deps, moderatorId, now).catch((error: unknown) => void failures.push(error));
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} moderator digest(s) failed`);
  };
}

/** One moderator's digest of their alerts, once the interval since their last one has passed. */
async function sendDigest(deps: DigestDeps, moderatorId: number, now: Date): Promise<void> {
  const last = await lastDigestAt(deps.db, moderatorId);
  if (last && now.getTime() - last.getTime() < deps.intervalSeconds * 1000) return;
  const alerts = await findUnmailedAlerts(deps.db, moderatorId, 100);
  const moderator = alerts[0]?.moderator;
  if (!moderator) return;
  const waiting = alerts.filter((alert) => isAwaitingReview(alert.comment) && alert.comment.deletedAt === null);
  const settled = alerts.filter((alert) => !waiting.includes(alert)).map((alert) => alert.id);
  const items = waiting.map((alert) => ({
    event: alert.event,
    commentId: alert.commentId,
    authorName: alert.comment.authorName,
    body: alert.comment.body,
    threadKey: alert.comment.thread.key,
  }));
  await inTransaction(deps.db, async ({ tx }) => {
    if ((await deleteAlerts(tx, settled)) !== settled.length) throw new DigestRace();
    if (waiting.length === 0) return;
    const recipient = { id: moderatorId, email: moderator.email, lang: langOrEnglish(moderator.lang) };
    const mailId = await insertMail(tx, digestMail(recipient, items, deps.adminUrl), now);
    if ((await attachAlerts(tx, waiting.map((alert) => alert.id), mailId)) !== waiting.length) throw new DigestRace();
  }).catch((error: unknown) => (error instanceof DigestRace ? undefined : Promise.reject(error)));
}

class DigestRace extends Error {}
