import type { Transporter } from 'nodemailer';
import type { Db } from '../db/client.js';
import { outboxQueue } from '../outbox/outbox-queue.js';
import type { OutboxQueue } from '../outbox/worker.js';
import { mailStore } from './mail.repository.js';

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
  return outboxQueue({
    name: 'mail',
    store: mailStore(deps.db),
    maxAttempts: deps.maxAttempts,
    random: deps.random,
    async deliver(mail) {
      await deps.transport.sendMail({ from: deps.from, to: mail.to, subject: mail.subject, text: mail.text, headers: headersOf(mail.headers) });
      return { ok: true, error: null };
    },
  });
}
