import type { Db } from '../db/client.js';
import { inTransaction } from '../db/unit-of-work.js';
import { langOrEnglish } from '../i18n/i18n.js';
import type { OutboxJob } from '../outbox/worker.js';
import { attachAlerts, findModeratorsWithAlerts, findUnmailedAlerts, insertMail, lastDigestAt } from './mail.repository.js';
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
 * fewer alerts than it read rolls back, so no alert is mailed twice.
 */
export function moderatorDigestJob(deps: DigestDeps): OutboxJob {
  return async (now) => {
    for (const moderatorId of await findModeratorsWithAlerts(deps.db)) {
      const last = await lastDigestAt(deps.db, moderatorId);
      if (last && now.getTime() - last.getTime() < deps.intervalSeconds * 1000) continue;
      const alerts = await findUnmailedAlerts(deps.db, moderatorId, 100);
      const moderator = alerts[0]?.moderator;
      if (!moderator) continue;
      const items = alerts.map((alert) => ({
        event: alert.event,
        commentId: alert.commentId,
        authorName: alert.comment.authorName,
        body: alert.comment.body,
        threadKey: alert.comment.thread.key,
      }));
      await inTransaction(deps.db, async ({ tx }) => {
        const recipient = { id: moderatorId, email: moderator.email, lang: langOrEnglish(moderator.lang) };
        const mailId = await insertMail(tx, digestMail(recipient, items, deps.adminUrl), now);
        if ((await attachAlerts(tx, alerts.map((alert) => alert.id), mailId)) !== alerts.length) throw new DigestRace();
      }).catch((error: unknown) => (error instanceof DigestRace ? undefined : Promise.reject(error)));
    }
  };
}

class DigestRace extends Error {}
