import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Example } from '../classifier/index.js';

const LABEL_OF_DECISION = { approve: 'acceptable', reject: 'abusive', spam: 'spam' } as const;

const lineSchema = z.object({
  text: z.string().min(1).max(20_000),
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
  for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    line += 1;
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
