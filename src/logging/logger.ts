import { pino, type Logger } from 'pino';

export type { Logger };

/** The service logger: JSON lines on stdout, never a request body or an email address. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'majlis' },
    redact: { paths: ['req.headers.authorization', 'req.headers["x-edit-token"]', 'req.headers.cookie'], remove: true },
  });
}
