import { charLength, isBlank, parseWebUrl } from '../../shared/text-checks.js';
import type { WidgetKey } from './keys.js';

/** The form's text fields, as the API names them. */
export type FieldName = 'body' | 'authorName' | 'authorEmail' | 'authorUrl';

/** What the reader typed. */
export type FormValues = Record<FieldName, string>;

// A coarse shape check: the server's rule (internationalised addresses, IDNA) has the last word,
// and its message lands next to the field the same way. The domain's dots may be ideographic or
// fullwidth full stops (。．｡), which IDNA reads as ".".
const EMAIL_SHAPE = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+[.\u3002\uFF0E\uFF61][^\s@"<>()[\]\\,;:.\u3002\uFF0E\uFF61]+$/u;

/**
 * Checks the form as the API does (SPEC section 3), so most mistakes are shown without a request,
 * with exactly the API's messages. Returns the failing fields in form order.
 */
export function validateDraft(values: FormValues): Array<{ field: FieldName; key: WidgetKey }> {
  const problems: Array<{ field: FieldName; key: WidgetKey }> = [];
  const body = values.body.trim();
  if (isBlank(body) || charLength(body) > 5000) problems.push({ field: 'body', key: 'body.required' });
  const name = values.authorName.trim();
  if (isBlank(name) || charLength(name) > 100) problems.push({ field: 'authorName', key: 'authorName.required' });
  const email = values.authorEmail.trim();
  if (email === '') problems.push({ field: 'authorEmail', key: 'authorEmail.required' });
  else if (charLength(email) > 254 || !EMAIL_SHAPE.test(email)) problems.push({ field: 'authorEmail', key: 'authorEmail.invalid' });
  const url = values.authorUrl.trim();
  if (url !== '' && (charLength(url) > 200 || !parseWebUrl(url))) problems.push({ field: 'authorUrl', key: 'authorUrl.invalid' });
  return problems;
}
