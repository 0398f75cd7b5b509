import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildOpenApiDocument } from '../../src/openapi/openapi.js';
import { OpenApiContract, type ObservedResponse } from './openapi-contract.js';

let sharedContract: OpenApiContract | undefined;

/** The contract of the document the app serves, compiled once per test process. */
function servedContract(): OpenApiContract {
  sharedContract ??= new OpenApiContract(buildOpenApiDocument());
  return sharedContract;
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer | null {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return null;
}

/** The body as the client reads it once it undoes the content coding (the document describes that, not the bytes on the wire). */
function decoded(body: Buffer, coding: string | undefined): Buffer {
  if (body.length === 0 || coding === undefined) return body;
  if (coding === 'br') return brotliDecompressSync(body);
  if (coding === 'gzip') return gunzipSync(body);
  throw new Error(`unexpected Content-Encoding ${coding}`);
}

function flatten(headers: ReturnType<ServerResponse['getHeaders']>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)]),
  );
}

/**
 * Watches every response an app sends (status, headers, and the body as written, streamed or not)
 * and records each departure from the OpenAPI document, so a test file can fail on drift.
 */
export class ResponseRecorder {
  /** One line per drifting response: what was asked, what was answered, and why it drifts. */
  readonly drifts: string[] = [];

  constructor(private readonly contract: OpenApiContract = servedContract()) {}

  /** The app, with every response it sends checked against the contract. */
  wrap(app: RequestListener): RequestListener {
    return (req, res) => {
      this.watch(req, res);
      app(req, res);
    };
  }

  /** Throws, listing each drift, if any response departed from the document. */
  assertNoDrift(): void {
    if (this.drifts.length > 0) throw new Error(`responses that the OpenAPI document does not describe:\n${this.drifts.join('\n')}`);
  }

  private watch(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const chunks: Buffer[] = [];
    const collect = (chunk: unknown, encoding: unknown) => {
      const buffer = toBuffer(chunk, encoding);
      if (buffer) chunks.push(buffer);
    };
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    // Headers handed straight to writeHead (a cached read sends them all there) never show in getHeaders().
    const handed: Record<string, string> = {};
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((...args: unknown[]) => {
      const headers = args.find((arg) => typeof arg === 'object' && arg !== null);
      if (Array.isArray(headers)) for (let at = 0; at + 1 < headers.length; at += 2) handed[String(headers[at]).toLowerCase()] = String(headers[at + 1]);
      else if (headers) Object.assign(handed, flatten(headers as ReturnType<ServerResponse['getHeaders']>));
      return writeHead(...(args as Parameters<typeof res.writeHead>));
    }) as typeof res.writeHead;
    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      collect(chunk, encoding);
      return write(chunk as never, encoding as never, callback as never);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      if (typeof chunk !== 'function') collect(chunk, encoding);
      return end(chunk as never, encoding as never, callback as never);
    }) as typeof res.end;
    // An aborted response never finishes: there is nothing complete to compare.
    res.once('finish', () => {
      const headers = { ...handed, ...flatten(res.getHeaders()) };
      let problems: string[];
      try {
        const observed: ObservedResponse = { method, url, status: res.statusCode, headers, body: decoded(Buffer.concat(chunks), headers['content-encoding']) };
        problems = this.contract.check(observed);
      } catch (error) {
        // Thrown here it would be an uncaught exception far from any test; report it like a drift.
        problems = [`the contract check failed: ${error instanceof Error ? error.message : String(error)}`];
      }
      for (const problem of problems) this.drifts.push(`${method} ${url} → ${res.statusCode}: ${problem}`);
    });
  }
}
