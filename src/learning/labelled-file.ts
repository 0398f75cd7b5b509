import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Example } from '../classifier/index.js';

const LABEL_OF_DECISION = { approve: 'acceptable', reject: 'abusive', spam: 'spam' } as const;

const lineSchema = z.object({
  // A text with no letter or digit (blank, control characters) teaches the model nothing but noise.
  text: z.string().max(20_000).regex(/[\p{L}\p{N}]/u, 'no letter or digit'),
  decision: z.enum(['approve', 'reject', 'spam']),
  lang: z.enum(['ar', 'en']).optional(),
});

/** What a labelled file held: the examples, and each line that could not be read, with why. */
export interface LabelledFile {
  examples: Example[];
  problems: Array<{ line: number; problem: string }>;
}

/**
 * Reads a labelled JSON Lines file for `npm run model -- train --from FILE`: one
 * `{"text", "decision": "approve" | "reject" | "spam", "lang"?}` per line, blank lines ignored.
 */
export async function readLabelledFile(path: string): Promise<LabelledFile> {
  const result: LabelledFile = { examples: [], problems: [] };
  let line = 0;
  for await (const read of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    line += 1;
    // Editors on Windows start UTF-8 files with a byte order mark.
    const text = line === 1 ? read.replace(/^\uFEFF/, '') : read;
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      result.problems.push({ line, problem: 'not JSON' });
      continue;
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      result.problems.push({ line, problem: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ') });
      continue;
    }
    const { text: body, decision, lang } = parsed.data;
    result.examples.push({ text: body, label: LABEL_OF_DECISION[decision], ...(lang ? { lang } : {}) });
  }
  return result;
}
