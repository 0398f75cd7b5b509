import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';

/** Callbacks of {@link streamXml}; `path` is the stack of open element names (outermost first). */
export interface XmlHandlers<R> {
  /** Element names whose text content is collected (e.g. `wp:comment_content`); all other text is dropped at once. */
  captures: ReadonlySet<string>;
  open?(name: string, attributes: Record<string, string>, path: readonly string[], emit: (record: R) => void): void;
  close(name: string, text: string, path: readonly string[], emit: (record: R) => void): void;
}

/** Thrown when the file stops being well-formed XML; records read before it were already yielded. */
export class XmlSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/**
 * Streams records out of an XML file chunk by chunk with saxes, so memory is bounded by one chunk
 * plus the record being built, never by the file: a 200 MB export is read with a few MB of heap.
 */
export async function* streamXml<R>(input: Readable, handlers: XmlHandlers<R>): AsyncGenerator<R> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const path: string[] = [];
  const texts: string[] = [];
  let capturing = 0;
  let ready: R[] = [];
  const emit = (record: R) => ready.push(record);
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    if (handlers.captures.has(tag.name)) {
      capturing += 1;
      texts.push('');
    }
    handlers.open?.(tag.name, tag.attributes as Record<string, string>, path, emit);
  });
  const collect = (text: string) => {
    if (capturing > 0) texts[texts.length - 1] += text;
  };
  parser.on('text', collect);
  parser.on('cdata', collect);
  parser.on('closetag', (tag) => {
    const text = handlers.captures.has(tag.name) ? (capturing--, texts.pop() ?? '') : '';
    handlers.close(tag.name, text, path, emit);
    path.pop();
  });
  parser.on('error', (error) => {
    throw new XmlSyntaxError(error.message, parser.line);
  });
  input.setEncoding('utf8');
  for await (const chunk of input) {
    try {
      parser.write(chunk as string);
    } finally {
      const batch = ready;
      ready = [];
      yield* batch;
    }
  }
  parser.close();
  yield* ready;
}
