import { parseWebUrl } from '../shared/text-checks.js';

/**
 * Picks where a no-JavaScript form post returns to: the first candidate (threadUrl, then Referer)
 * on an origin we may send readers to, so the form cannot be abused as an open redirect.
 */
export function chooseReturnUrl(
  candidates: ReadonlyArray<string | null | undefined>,
  trusted: { allowedOrigins: readonly string[]; ownOrigin: string; storedThreadUrl: string | null },
): URL | null {
  const origins = new Set([trusted.ownOrigin, ...trusted.allowedOrigins]);
  // Without a configured list (the embedded default), the article's own origin is the one place to go back to.
  if (trusted.allowedOrigins.length === 0 && trusted.storedThreadUrl) {
    const stored = parseWebUrl(trusted.storedThreadUrl);
    if (stored) origins.add(stored.origin);
  }
  for (const candidate of candidates) {
    const url = candidate ? parseWebUrl(candidate) : null;
    if (url && (origins.has(url.origin) || trusted.allowedOrigins.includes('*'))) return url;
  }
  return null;
}

/**
 * Adds the outcome to the return URL: in the fragment for the widget, and in the query because the
 * fragment never reaches a server, and a reader without JavaScript must still see the notice.
 */
export function withOutcome(url: URL, outcome: { status: string; commentId: number }): string {
  const target = new URL(url);
  target.searchParams.set('majlis-status', outcome.status);
  target.searchParams.set('majlis-comment', String(outcome.commentId));
  target.hash = `majlis-status=${outcome.status}&majlis-comment=${outcome.commentId}`;
  return target.toString();
}
