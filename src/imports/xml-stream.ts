import type { Readable } from 'node:stream';
import sax from 'sax';

/** What a captured element held: its text, cut at {@link MAX_CAPTURED_CHARS}, and whether it was cut. */
export interface Captured {
  text: string;
  /** True when the element held more than {@link MAX_CAPTURED_CHARS} characters: `text` is only the start. */
  cut: boolean;
}

/** Callbacks of {@link streamXml}; `path` is the stack of open element names (outermost first). */
export interface XmlHandlers<R> {
  /** The format's root element and the format's name: a file with another root (or none) is not this format. */
  root: { element: string; format: string };
  /** Element names whose text content is collected (e.g. `wp:comment_content`); all other text is dropped at once. */
  captures: ReadonlySet<string>;
  open?(name: string, attributes: Record<string, string>, path: readonly string[], emit: (record: R) => void): void;
  close(name: string, captured: Captured, path: readonly string[], emit: (record: R) => void): void;
}

/**
 * The most text kept of one captured element. A comment's HTML larger than this is far over the
 * form's 5000 characters whatever its markup, so the rest is never held: one absurd entry cannot
 * grow memory with the file.
 */
const MAX_CAPTURED_CHARS = 256 * 1024;

/** Thrown when the file stops being well-formed XML; records read before it were already yielded. */
export class XmlSyntaxError extends Error {
  /** `afterRecords`: the file broke after entries of the export (a real export, cut or damaged), not before the first. */
  constructor(message: string, readonly line: number, readonly afterRecords = false) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/** Thrown when the file is well-formed but not the export it was given as (another format's, or empty): nothing was read from it. */
export class WrongFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WrongFileError';
  }
}

/**
 * Streams records out of an XML file chunk by chunk, so memory is bounded by one chunk plus the
 * record being built, never by the file. sax (not saxes) because it hands over long text and CDATA
 * in pieces of at most 64 KiB instead of buffering a whole node: a 172 MB comment, or a post's
 * content, passes through without ever being held (docs/decisions/0011-bounded-imports.md).
 */
export async function* streamXml<R>(input: Readable, handlers: XmlHandlers<R>): AsyncGenerator<R> {
  // Strict XML with only XML's five named entities: an HTML name such as &nbsp; outside CDATA is an error, as in any XML parser.
  // (@types/sax lacks the option that sax 1.x documents.)
  const parser = sax.parser(true, { position: true, strictEntities: true } as sax.SAXOptions);
  const path: string[] = [];
  const captures: Captured[] = [];
  let ready: R[] = [];
  let emitted = 0;
  const emit = (record: R) => {
    emitted += 1;
    ready.push(record);
  };
  let rootSeen = false;
  parser.onopentag = (tag) => {
    if (!rootSeen && tag.name !== handlers.root.element) {
      throw new WrongFileError(`This is not a ${handlers.root.format} export: its root element is <${tag.name}>, not <${handlers.root.element}>.`);
    }
    rootSeen = true;
    path.push(tag.name);
    if (handlers.captures.has(tag.name)) captures.push({ text: '', cut: false });
    handlers.open?.(tag.name, tag.attributes as Record<string, string>, path, emit);
  };
  const collect = (text: string) => {
    const current = captures[captures.length - 1];
    if (!current || current.cut) return;
    const room = MAX_CAPTURED_CHARS - current.text.length;
    if (text.length > room) current.cut = true;
    current.text += text.length > room ? text.slice(0, room) : text;
  };
  parser.ontext = collect;
  parser.oncdata = collect;
  parser.onclosetag = (name) => {
    const captured = handlers.captures.has(name) ? (captures.pop() ?? { text: '', cut: false }) : { text: '', cut: false };
    handlers.close(name, captured, path, emit);
    path.pop();
  };
  parser.onerror = (error) => {
    throw new XmlSyntaxError(error.message.split('\n')[0] ?? error.message, parser.line + 1, emitted > 0);
  };
  let decoder: TextDecoder | undefined;
  for await (const chunk of input) {
    const bytes = chunk as Buffer;
    decoder ??= decoderFor(bytes);
    try {
      parser.write(decoder.decode(bytes, { stream: true }));
    } finally {
      const batch = ready;
      ready = [];
      yield* batch;
    }
  }
  parser.write(decoder?.decode() ?? '');
  parser.close();
  if (!rootSeen) throw new WrongFileError(`This is not a ${handlers.root.format} export: the file holds no XML element (is it empty?).`);
  yield* ready;
}

/**
 * How the file's text is encoded (XML 1.0, appendix F): a UTF-16 byte-order mark, else the encoding its declaration
 * names, else UTF-8. An export in ISO-8859-1 was read as UTF-8 and its accents stored as U+FFFD without a word.
 */
function decoderFor(head: Buffer): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  const declared = /^(?:\xEF\xBB\xBF)?<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(head.subarray(0, 200).toString('latin1'))?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(declared);
  } catch {
    throw new XmlSyntaxError(`the file declares the encoding "${declared}", which cannot be read`, 1);
  }
}
