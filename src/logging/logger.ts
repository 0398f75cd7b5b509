import { pino, type Logger } from 'pino';
import { stdoutLogOutput, type LogOutput } from './log-output.js';

export type { Logger };

/** The service logger: JSON lines on stdout (never waiting on its reader, log-output.ts), never a request body or an email address. */
export function createLogger(level: string, output: LogOutput = stdoutLogOutput()): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'majlis' },
      redact: { paths: ['req.headers.authorization', 'req.headers["x-edit-token"]', 'req.headers.cookie'], remove: true },
    },
    output.stream,
  );
  output.reportDropsTo((droppedLines) => logger.warn({ droppedLines }, 'log lines were dropped: the log reader fell behind by more than the lines kept in memory'));
  return logger;
}
