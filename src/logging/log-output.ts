// Where log lines go. pino's default destination writes stdout asynchronously and keeps every line its reader
// has not taken, without bound, then writes what is left synchronously when the process exits: a log reader that
// stalled (a collector that hangs, a paused terminal) grew the process's memory by every line logged (28 MB in 3 s of
// a busy log, measured) and made it hang for ever on exit, SIGTERM included. Here the same writer (pino's sonic-boom)
// keeps lines up to a bound, drops and counts the ones beyond it, logs the count once the reader has caught up, and
// at exit gives lines still waiting a bounded time. See docs/decisions/0023-logs-never-wait-for-their-reader.md.
import { pino, type DestinationStream } from 'pino';

/** Bytes of lines kept while the reader is behind (about 30,000 access lines); lines beyond it are dropped. */
export const UNREAD_LINES_LIMIT_BYTES = 8 * 1024 * 1024;

/** At exit, how long lines still waiting may wait for a full pipe; then they are given up, so the process ends. */
const EXIT_WRITE_MS = 500;

export interface LogOutput {
  /** pino's destination. */
  stream: DestinationStream;
  /** Called with how many lines were dropped, each time the reader has caught up after some were. */
  reportDropsTo(report: (droppedLines: number) => void): void;
  /** Lines dropped since the process started (a metric: the report above waits for a reader that may never come back). */
  droppedLines(): number;
  /** Resolves once every line kept is written, or after `withinMs`: what a clean exit waits for. */
  written(withinMs: number): Promise<void>;
}

/** Every output, finished when the process exits. */
const outputs = new Set<{ finish(): void }>();

/**
 * Lines written to `fd` without ever waiting on its reader. Stdout by default, through `process.stdout.fd`, as pino's
 * own default does: opening `process.stdout` makes a pipe non-blocking. On a blocking pipe whose reader has stalled, a
 * write would wait in libuv's thread pool, and the process could never exit (it waits for the pool's threads), so
 * another `fd` must be non-blocking too.
 */
export function createLogOutput({ fd = process.stdout.fd, limitBytes = UNREAD_LINES_LIMIT_BYTES }: { fd?: number; limitBytes?: number } = {}): LogOutput {
  let exitDeadline = 0;
  // A full pipe is tried again every 100 ms, for ever while the process runs; at exit, until the deadline.
  const retryEAGAIN = () => exitDeadline === 0 || Date.now() < exitDeadline;
  const sonic = pino.destination({ dest: fd, sync: false, minLength: 0, maxLength: limitBytes, retryEAGAIN });
  let dropped = 0;
  let droppedTotal = 0;
  // Nothing waits to be written.
  let idle = true;
  let finished = false;
  let report: ((droppedLines: number) => void) | undefined;
  sonic.on('drop', () => {
    dropped += 1;
    droppedTotal += 1;
  });
  sonic.on('drain', () => {
    idle = true;
    if (dropped === 0 || !report) return;
    const lines = dropped;
    dropped = 0;
    report(lines);
  });
  if (outputs.size === 0) {
    process.prependListener('exit', () => {
      for (const output of outputs) output.finish();
    });
  }
  outputs.add({
    finish() {
      if (finished) return;
      finished = true;
      if (!idle) {
        exitDeadline = Date.now() + EXIT_WRITE_MS;
        try {
          sonic.flushSync();
        } catch {
          // Still full at the deadline: the reader has stalled, and what is left is given up.
        }
      }
      // pino's own exit hook, which would write what is left for as long as it takes, skips a destroyed destination.
      sonic.destroy();
    },
  });
  return {
    stream: {
      write(line: string) {
        if (finished) return;
        const before = dropped;
        sonic.write(line);
        if (dropped === before) idle = false;
      },
    },
    reportDropsTo(reporter) {
      report = reporter;
    },
    droppedLines: () => droppedTotal,
    written: (withinMs) =>
      idle
        ? Promise.resolve()
        : new Promise((resolve) => {
            const done = () => {
              clearTimeout(timer);
              sonic.off('drain', done);
              resolve();
            };
            const timer = setTimeout(done, withinMs);
            sonic.once('drain', done);
          }),
  };
}

let stdout: LogOutput | undefined;

/** The process's one stdout output, shared by its loggers so their lines keep their order. */
export function stdoutLogOutput(): LogOutput {
  return (stdout ??= createLogOutput());
}

/** Lines dropped from stdout since the process started (none while no logger has written there). */
export function droppedStdoutLines(): number {
  return stdout?.droppedLines() ?? 0;
}

/** Waits, at most `withinMs`, until stdout's lines are written: before a clean exit, so they are not left to the exit's rule above. */
export function stdoutWritten(withinMs: number): Promise<void> {
  return stdout?.written(withinMs) ?? Promise.resolve();
}
