import type { Request } from 'express';
import type { Config } from '../config/config.js';
import { ownOrigin } from '../http/request-site.js';
import { parseWebUrl } from '../shared/text-checks.js';
import { articleOrigins } from '../threads/article-address.js';

/**
 * Picks where a no-JavaScript form post returns to: the first candidate (threadUrl, Referer, the stored thread URL)
 * on an origin we may send readers to (this service's own, the article origins, and the origin of
 * the thread URL a trusted source stored), so the form is no open redirect. `*` in ALLOWED_ORIGINS
 * names no origin, and a URL a stranger typed is never followed elsewhere.
 */
function chooseReturnUrl(
  candidates: ReadonlyArray<string | null | undefined>,
  trusted: { ownOrigin: string; articleOrigins: ReadonlySet<string>; storedThreadUrl: string | null },
): URL | null {
  const origins = new Set([trusted.ownOrigin, ...trusted.articleOrigins]);
  const stored = trusted.storedThreadUrl ? parseWebUrl(trusted.storedThreadUrl) : null;
  if (stored) origins.add(stored.origin);
  for (const candidate of candidates) {
    const url = candidate ? parseWebUrl(candidate) : null;
    if (url && origins.has(url.origin)) return url;
  }
  return null;
}

/** chooseReturnUrl with the origins the request and the configuration trust: this service's own and the article origins. */
export function formReturnUrl(
  req: Request,
  config: Pick<Config, 'ALLOWED_ORIGINS' | 'PUBLIC_URL'>,
  candidates: ReadonlyArray<string | null | undefined>,
  storedThreadUrl: string | null = null,
): URL | null {
  return chooseReturnUrl(candidates, { ownOrigin: ownOrigin(req, config.PUBLIC_URL), articleOrigins: articleOrigins(config), storedThreadUrl });
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
