import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from './config/config.js';
import type { Db } from './db/client.js';
import type { Logger } from './logging/logger.js';
import { moderatorDigestJob } from './notifications/digest.job.js';
import { mailQueue } from './notifications/mail.queue.js';
import { publicBaseUrl } from './notifications/tokens.js';
import type { Clock } from './shared/clock.js';
import { networkList } from './shared/networks.js';
import { webhookQueue } from './webhooks/webhook.queue.js';
import { OutboxWorker, type OutboxJob, type OutboxQueue } from './outbox/worker.js';
import type { ModelService } from './learning/model.service.js';

/** What the delivery worker is built from; tests pass their clock, randomness and SMTP transport. */
export interface DeliveryWorkerDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  random?: () => number;
  transport?: Transporter;
  /** The classifier to retrain when enough new decisions arrived; left out, no retraining runs here. */
  models?: ModelService;
}

/** The one background worker: webhook deliveries always, mail (and moderator digests) when SMTP_URL is set, classifier retraining. */
export function createDeliveryWorker(deps: DeliveryWorkerDeps): OutboxWorker {
  const { config, db } = deps;
  const queues: OutboxQueue[] = [
    webhookQueue({ db, maxAttempts: config.OUTBOX_MAX_ATTEMPTS, timeoutMs: config.WEBHOOK_TIMEOUT_MS, allowedNetworks: networkList(config.WEBHOOK_ALLOWED_NETWORKS), random: deps.random }),
  ];
  const jobs: OutboxJob[] = [];
  const { models, logger } = deps;
  // Training takes seconds in its own thread; the poll does not wait for it, so mail and webhooks keep flowing.
  if (models) jobs.push(async (now) => void models.retrainIfDue(now).catch((error: unknown) => logger.error({ err: error }, 'retraining the classifier failed')));
  const transport = deps.transport ?? (config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : undefined);
  if (transport) {
    jobs.push(moderatorDigestJob({ db, intervalSeconds: config.MODERATOR_DIGEST_SECONDS, adminUrl: `${publicBaseUrl(config)}/admin` }));
    queues.push(mailQueue({ db, transport, from: config.MAIL_FROM, maxAttempts: config.OUTBOX_MAX_ATTEMPTS, random: deps.random }));
  }
  return new OutboxWorker({ queues, jobs, clock: deps.clock, logger: deps.logger, pollMs: config.OUTBOX_POLL_MS, leaseMs: Math.max(60_000, config.WEBHOOK_TIMEOUT_MS * 3) });
}
