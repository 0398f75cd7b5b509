import type { Request } from 'express';
import { negotiateLang, type Lang } from '../i18n/i18n.js';

/** The language to answer in: `lang` in the body or query, else Accept-Language, else English. */
export function requestLang(req: Request): Lang {
  const body: unknown = req.body;
  const fromBody = typeof body === 'object' && body !== null && 'lang' in body ? (body as { lang: unknown }).lang : undefined;
  const fromQuery = typeof req.query?.lang === 'string' ? req.query.lang : undefined;
  return negotiateLang(fromBody ?? fromQuery, req.get('accept-language'));
}
