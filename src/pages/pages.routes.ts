import { Router, type Request, type Response } from 'express';
import { staticAsset } from '../browser/bundler.js';
import type { Config } from '../config/config.js';
import { CSP } from '../http/csp.js';
import { sendEncoded } from '../http/encoded-response.js';
import { parseInput } from '../http/validate.js';
import { translate, type Lang } from '../i18n/i18n.js';
import { requestLang } from '../http/lang.js';
import { html } from '../shared/html.js';
import { isSetupNeeded } from '../setup/setup.service.js';
import { readThreadPage, type ThreadReadDeps } from '../threads/thread.service.js';
import { threadParamsSchema, type ThreadPage } from '../threads/thread.schemas.js';
import { DEMO_ARTICLES } from './demo-article.js';
import { renderDemoPage } from './demo-page.js';
import { renderLandingPage } from './landing-page.js';
import { PAGE_CSS } from './page-style.js';
import { pageQuerySchema } from './pages.schemas.js';
import { renderThreadSection, type ThreadSectionOptions } from './thread-html.js';
import type { PageSort } from './engagement-html.js';

const PAGE_SIZE = 50;
// Compressed once, when the module loads.
const pageCss = staticAsset(PAGE_CSS);

function ownOrigin(req: Request, config: Config): string {
  return config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : `${req.protocol}://${req.get('host')}`;
}

async function readPage(deps: ThreadReadDeps, key: string, cursor: string | undefined, sort: PageSort = 'oldest'): Promise<ThreadPage> {
  const cached = await readThreadPage(deps, key, { sort, limit: PAGE_SIZE, cursor });
  return JSON.parse(cached.identity.body.toString('utf8')) as ThreadPage;
}

/** The landing page, the no-JavaScript thread page, its fragment for CMS includes, the demo articles and their stylesheet. */
export function pagesRoutes(deps: ThreadReadDeps, config: Config): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const page = renderLandingPage(requestLang(req), { origin: ownOrigin(req, config), setupNeeded: await isSetupNeeded(deps) });
    res.vary('Accept-Language').set({ 'Content-Security-Policy': CSP.page, 'Cache-Control': 'no-cache' }).type('html').send(page);
  });

  router.get('/assets/majlis-page.css', (req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    sendEncoded(req, res, pageCss, 'text/css; charset=utf-8');
  });

  router.get(['/threads/:threadKey', '/threads/:threadKey/fragment'], async (req, res) => {
    const { threadKey } = parseInput(threadParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    const query = parseInput(pageQuerySchema, req.query, { code: 'malformed_request', message: 'query.invalid' });
    const lang = requestLang(req);
    const fragment = req.path.endsWith('/fragment');
    const origin = ownOrigin(req, config);
    const sort = query.sort ?? 'oldest';
    const page = await readPage(deps, threadKey, query.cursor, sort);
    const pageUrl = (params: Record<string, string>, hash = '') => {
      const url = new URL(`/threads/${encodeURIComponent(threadKey)}`, origin);
      url.searchParams.set('lang', lang);
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return url.toString() + hash;
    };
    const options: ThreadSectionOptions = {
      lang,
      page,
      origin,
      sort,
      sortHref: (order) => pageUrl(order === 'oldest' ? {} : { sort: order }),
      replyTo: query.replyto ?? null,
      outcome: query['majlis-status'] ?? null,
      // The page returns to itself; a fragment inside an article returns to the article (or its Referer).
      returnUrl: fragment ? (page.thread.url ?? undefined) : pageUrl({}),
      replyHref: (id) => pageUrl({ replyto: String(id) }, '#respond'),
      cancelHref: pageUrl({}, '#respond'),
      moreHref: page.nextCursor ? pageUrl({ cursor: page.nextCursor, ...(sort === 'oldest' ? {} : { sort }) }) : null,
    };
    const section = renderThreadSection(options);
    res.set('Cache-Control', 'no-cache');
    if (fragment) {
      res.type('html').send(section.value);
      return;
    }
    const title = page.thread.title ? translate(lang, 'page.commentsOn', { title: page.thread.title }) : translate(lang, 'widget.heading');
    res
      .set('Content-Security-Policy', CSP.page)
      .type('html')
      .send(
        html`<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<link rel="stylesheet" href="/assets/majlis-page.css"></head>
<body><main class="narrow">
${page.thread.title ? html`<h1 dir="auto">${page.thread.title}</h1>` : ''}
${page.thread.url && /^https?:\/\//.test(page.thread.url) ? html`<p><a href="${page.thread.url}">${translate(lang, 'page.back')}</a></p>` : ''}
${section}
</main></body>
</html>`.value,
      );
  });

  const demo = (lang: Lang) => async (req: Request, res: Response) => {
    const article = DEMO_ARTICLES[lang];
    const query = parseInput(pageQuerySchema, req.query, { code: 'malformed_request', message: 'query.invalid' });
    const sort = query.sort ?? 'oldest';
    const page = await readPage(deps, article.threadKey, undefined, sort);
    const origin = ownOrigin(req, config);
    const demoUrl = (params: Record<string, string>, hash = '') => {
      const url = new URL(lang === 'ar' ? '/demo' : '/demo/en', origin);
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return url.toString() + hash;
    };
    const section = renderThreadSection({
      lang,
      page,
      origin,
      sort,
      sortHref: (order) => demoUrl(order === 'oldest' ? {} : { sort: order }),
      replyTo: query.replyto ?? null,
      outcome: query['majlis-status'] ?? null,
      returnUrl: demoUrl({}),
      replyHref: (id) => demoUrl({ replyto: String(id) }, '#respond'),
      cancelHref: demoUrl({}, '#respond'),
      moreHref: null,
    });
    res.set({ 'Content-Security-Policy': CSP.pageWithWidget, 'Cache-Control': 'no-cache' }).type('html').send(renderDemoPage(lang, section));
  };
  router.get('/demo', demo('ar'));
  router.get('/demo/en', demo('en'));

  return router;
}
