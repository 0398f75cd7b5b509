import type { ServerResponse } from 'node:http';

/** Where a response's headers are written: the response itself, or HeaderLines gathering them. */
export interface HeaderTarget {
  setHeader(name: string, value: string | number): unknown;
  getHeader(name: string): string | number | string[] | undefined;
}

/**
 * Headers gathered for an answer sent in one go (a cached read answered before Express's router),
 * written with its status line by one `writeHead`: node then checks each header once, where every
 * `setHeader` also lower-cases and stores it first (docs/decisions/0019-cached-reads-before-express.md).
 * A name is matched as spelled, so every writer spells it as node's docs do ('Vary', 'ETag').
 */
export class HeaderLines implements HeaderTarget {
  private readonly lines: Array<string | number> = [];

  setHeader(name: string, value: string | number): this {
    const at = this.indexOf(name);
    if (at === -1) this.lines.push(name, value);
    else this.lines[at + 1] = value;
    return this;
  }

  getHeader(name: string): string | number | undefined {
    const at = this.indexOf(name);
    return at === -1 ? undefined : this.lines[at + 1];
  }

  /** Where the name is among the names (every other line, so a value never matches). */
  private indexOf(name: string): number {
    for (let at = 0; at < this.lines.length; at += 2) if (this.lines[at] === name) return at;
    return -1;
  }

  /** Sends the status line and the gathered headers. */
  writeHead(res: ServerResponse, status: number): void {
    res.writeHead(status, this.lines as string[]);
  }
}

/**
 * Ends a response with this status and body: headers gathered in HeaderLines go out in its one
 * `writeHead`; headers written to the response itself are already there.
 */
export function endWith(res: ServerResponse, head: HeaderTarget, status: number, body?: Buffer): void {
  if (head instanceof HeaderLines) head.writeHead(res, status);
  else res.statusCode = status;
  res.end(body);
}
