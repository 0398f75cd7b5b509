import type { z } from 'zod';
import { isMessageKey } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { AppError, type ErrorCode, type FieldError } from '../shared/errors.js';

/** A field the input does not have at all (parsed with `reportInput`, an issue carries the value it was about). */
const isMissing = (issue: z.core.$ZodIssue) =>
  (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') && 'input' in issue && issue.input === undefined;

/** What failed, when the schema names no code of its own: a field missing, text or a list too long, a number out of its range, or anything else. */
function codeOf(issue: z.core.$ZodIssue): string {
  if (isMissing(issue)) return 'required';
  const measured = issue.code === 'too_big' || issue.code === 'too_small' ? issue.origin : null;
  if (measured === 'number' || measured === 'int' || measured === 'bigint' || measured === 'date') return issue.code;
  return issue.code === 'too_big' ? 'too_long' : 'invalid';
}

/**
 * What is wrong, said with the bound when there is one ("Must be at least 0.", "Too many: at most 500."), when the
 * schema has no message of its own.
 */
function measuredMessage(issue: z.core.$ZodIssue): Pick<FieldError, 'message' | 'params'> | null {
  if (isMissing(issue)) return { message: 'field.required' };
  const number = (origin: string) => origin === 'number' || origin === 'int';
  const list = (origin: string) => origin === 'array' || origin === 'set';
  if (issue.code === 'too_small' && issue.inclusive !== false) {
    const params = { minimum: Number(issue.minimum) };
    if (number(issue.origin)) return { message: 'field.tooSmall', params };
    return list(issue.origin) ? { message: 'field.tooFew', params } : null;
  }
  if (issue.code === 'too_big' && issue.inclusive !== false) {
    const params = { maximum: Number(issue.maximum) };
    if (number(issue.origin)) return { message: 'field.tooBig', params };
    if (list(issue.origin)) return { message: 'field.tooMany', params };
    return issue.origin === 'string' ? { message: 'field.tooLong', params } : null;
  }
  return null;
}

function toFieldErrors(issues: readonly z.core.$ZodIssue[], fallback: MessageKey): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const issue of issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '_';
    if (byField.has(field)) continue;
    // A custom issue may name the code it reports (`fieldCode`) and what its message fills in (`messageParams`).
    const params = (issue as { params?: { fieldCode?: string; messageParams?: Record<string, string | number> } }).params;
    const code = params?.fieldCode ?? codeOf(issue);
    const own = isMessageKey(issue.message) ? { message: issue.message, ...(params?.messageParams ? { params: params.messageParams } : {}) } : null;
    byField.set(field, { field, code, ...(own ?? measuredMessage(issue) ?? { message: fallback }) });
  }
  return [...byField.values()];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value inside the input, and how it was reached (built into a field's path only for the few that fail). */
interface Place {
  value: unknown;
  key: string;
  parent: Place | null;
}

function fieldOf(place: Place): string {
  const keys: string[] = [];
  for (let at: Place | null = place; at?.parent; at = at.parent) keys.push(at.key);
  return keys.length > 0 ? keys.reverse().join('.') : '_';
}

/**
 * Where the input holds text no database stores as sent: a lone surrogate (ill-formed UTF-16, which JSON can spell
 * as "\ud800"; SQLite's driver fails on it and a JSON column stores U+FFFD in its place) or NUL (PostgreSQL refuses
 * it in text). Checked here for every field of every input, so no schema can forget it. Walked with a list of its
 * own, not the call stack: a body of 30,000 nested arrays (60 KB, within the body limit) overflowed the stack (500).
 */
function unstorableTextErrors(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Place[] = [{ value: input, key: '', parent: null }];
  for (let place = pending.pop(); place; place = pending.pop()) {
    const { value } = place;
    if (typeof value === 'string') {
      if (!value.isWellFormed() || value.includes('\u0000')) errors.push({ field: fieldOf(place), code: 'invalid', message: 'field.characters' });
    } else if (Array.isArray(value) || isPlainObject(value)) {
      // Pushed in reverse, so fields are reported in the order they were sent.
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i -= 1) pending.push({ value: entries[i]![1], key: entries[i]![0], parent: place });
    }
  }
  return errors;
}

/**
 * Parses request input with a feature's zod schema, or throws an AppError listing every failing
 * field. Input that is not an object is read as an empty one, so each required field is reported.
 * Unstorable text is looked for in what the schema kept when it passed: a field it ignores when invalid (a page's
 * title with a NUL), or one it does not know, must not refuse a reader's comment.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  failure: { code: ErrorCode; message: MessageKey },
): z.output<S> {
  const result = schema.safeParse(isPlainObject(input) ? input : {}, { reportInput: true });
  const unstorable = unstorableTextErrors(result.success ? result.data : input);
  if (result.success && unstorable.length === 0) return result.data;
  // A field's own message first (a comment's, a name's); the characters' message for the fields that have none.
  const fieldErrors = result.success ? [] : toFieldErrors(result.error.issues, 'field.invalid');
  const reported = new Set(fieldErrors.map((error) => error.field));
  throw new AppError(failure.code, failure.message, { fieldErrors: [...fieldErrors, ...unstorable.filter((error) => !reported.has(error.field))] });
}
