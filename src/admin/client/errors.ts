import { ApiError, SessionEnded } from './api.js';
import { t } from './i18n.js';
import { announce } from './notice.js';

/** What to tell the moderator about a failed call; null when the app already handled it (session ended). */
export function explain(error: unknown): string | null {
  if (error instanceof SessionEnded) return null;
  if (error instanceof ApiError) {
    if (error.status === 403) return t('error.forbidden');
    const detail = error.problem?.detail ?? t('error.generic', { status: error.status });
    // Which field was refused, and why: "some of what was sent is invalid" alone leaves the moderator guessing.
    const fields = (error.problem?.errors ?? []).map((field) => `${field.field}: ${field.message}`);
    return fields.length > 0 ? `${detail} ${fields.join(' · ')}` : detail;
  }
  return t('error.network');
}

/** Announces a failure in the live region. */
export function report(error: unknown): void {
  const message = explain(error);
  if (message) announce(message);
}
