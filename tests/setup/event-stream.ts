import { request as httpRequest, type IncomingMessage } from 'node:http';

/** One event read from a stream. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/** An open Server-Sent Events stream: the events read so far, a way to wait for more, and to hang up. */
export interface OpenStream {
  res: IncomingMessage;
  events: StreamEvent[];
  /** Resolves once `count` events have arrived; fails after `timeoutMs`. */
  next(count: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens `url` as an event stream (with `headers`) and parses events as they arrive. */
export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const events: StreamEvent[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      });
      const next = async (count: number, timeoutMs = 5000) => {
        const deadline = Date.now() + timeoutMs;
        while (events.length < count) {
          if (Date.now() > deadline) throw new Error(`waited for ${count} events, got ${JSON.stringify(events)}`);
          await new Promise((wake) => setTimeout(wake, 20));
        }
      };
      resolve({ res, events, next, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}
