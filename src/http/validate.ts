import type { z } from 'zod';
import { isMessageKey } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { AppError, type ErrorCode, type FieldError } from '../shared/errors.js';

function toFieldErrors(issues: readonly z.core.$ZodIssue[], fallback: MessageKey): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const issue of issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '_';
    if (byField.has(field)) continue;
    const params = (issue as { params?: { fieldCode?: string } }).params;
    const code = params?.fieldCode ?? (issue.code === 'too_big' ? 'too_long' : 'invalid');
    byField.set(field, { field, code, message: isMessageKey(issue.message) ? issue.message : fallback });
  }
  return [...byField.values()];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses request input with a feature's zod schema, or throws an AppError listing every failing
 * field. Input that is not an object is read as an empty one, so each required field is reported.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  failure: { code: ErrorCode; message: MessageKey },
): z.output<S> {
  const result = schema.safeParse(isPlainObject(input) ? input : {});
  if (result.success) return result.data;
  throw new AppError(failure.code, failure.message, { fieldErrors: toFieldErrors(result.error.issues, 'field.invalid') });
}
