// Where a thread's article may be: the one rule for storing a thread's URL and title and for sending
// a no-JavaScript reader back after posting. Pure: the caller passes the configuration and request.
import type { Config } from '../config/config.js';
import { parseWebUrl } from '../shared/text-checks.js';

/**
 * The origins a thread's URL may be on: each origin ALLOWED_ORIGINS names and PUBLIC_URL's. `*`
 * opens the API to browsers on any site but names no origin: with it, or with nothing set, only
 * PUBLIC_URL's origin (and a moderator) can give a thread its URL.
 */
export function articleOrigins(config: Pick<Config, 'ALLOWED_ORIGINS' | 'PUBLIC_URL'>): ReadonlySet<string> {
  const origins = new Set(config.ALLOWED_ORIGINS.filter((origin) => origin !== '*'));
  if (config.PUBLIC_URL) origins.add(new URL(config.PUBLIC_URL).origin);
  return origins;
}

/** The address if it is an absolute http(s) URL on one of `origins`, else null. */
export function onArticleOrigin(value: string | null | undefined, origins: ReadonlySet<string>): URL | null {
  const url = value ? parseWebUrl(value) : null;
  return url && origins.has(url.origin) ? url : null;
}

/** The origin a browser request came from: its Origin header, else its Referer's (older browsers' form posts). */
export function requestOriginOf(headers: { origin: string | undefined; referer: string | undefined }): string | null {
  if (headers.origin && headers.origin !== 'null') return headers.origin;
  return (headers.referer && parseWebUrl(headers.referer)?.origin) || null;
}

/** What a post may say about its thread. */
export interface ThreadDescription {
  title?: string;
  url?: string;
  lang?: string;
}

/**
 * What a reader's post may tell us about its thread: a title and URL only from a page of a trusted
 * origin (the article's embed or no-JS form: the request came from an article origin), and the URL
 * only on that same origin. Anything else (a URL elsewhere, a title from a script that is not on
 * the site) is dropped, so a stranger who posts first cannot name the thread or point it at their
 * page; a moderator can still set both.
 */
export function siteDescription(
  posted: { threadUrl?: string; threadTitle?: string; lang?: string },
  from: { requestOrigin: string | null; origins: ReadonlySet<string> },
): ThreadDescription {
  const site = from.requestOrigin !== null && from.origins.has(from.requestOrigin) ? from.requestOrigin : null;
  const fromSite = site !== null;
  const url = site ? onArticleOrigin(posted.threadUrl, new Set([site])) : null;
  return {
    ...(url ? { url: url.toString() } : {}),
    ...(fromSite && posted.threadTitle ? { title: posted.threadTitle } : {}),
    ...(posted.lang ? { lang: posted.lang } : {}),
  };
}
