import type { Transporter } from 'nodemailer';
import type { Db } from '../db/client.js';
import { afterAttempt } from '../outbox/backoff.js';
import type { OutboxQueue } from '../outbox/worker.js';
import { claimMail, findDueMailIds, findMail, recordMailAttempt } from './mail.repository.js';

/** What sending stored mail needs. */
export interface MailQueueDeps {
  db: Db;
  transport: Transporter;
  from: string;
  maxAttempts: number;
  random?: () => number;
}

function headersOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The mail outbox as a worker queue: sends each stored message over SMTP, retrying with backoff. */
export function mailQueue(deps: MailQueueDeps): OutboxQueue {
  return {
    name: 'mail',
    findDue: (now, limit) => findDueMailIds(deps.db, now, limit),
    claim: (id, now, leaseUntil) => claimMail(deps.db, id, now, leaseUntil),
    async process(id, now, leaseUntil) {
      const mail = await findMail(deps.db, id);
      if (!mail) return;
      const attempts = mail.attempts + 1;
      try {
        await deps.transport.sendMail({ from: deps.from, to: mail.to, subject: mail.subject, text: mail.text, headers: headersOf(mail.headers) });
        await recordMailAttempt(deps.db, id, leaseUntil, { ...afterAttempt(true, attempts, { maxAttempts: deps.maxAttempts, now }), attempts, error: null, sentAt: now });
      } catch (error) {
        await recordMailAttempt(deps.db, id, leaseUntil, {
          ...afterAttempt(false, attempts, { maxAttempts: deps.maxAttempts, now, random: deps.random }),
          attempts,
          error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
          sentAt: null,
        });
      }
    },
  };
}
