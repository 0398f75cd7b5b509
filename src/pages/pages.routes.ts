import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { REPLIES_INLINE, REPLIES_PER_PAGE, sliceReplies } from './reply-slice.js';
import { staticAsset } from '../browser/bundler.js';
import type { Config } from '../config/config.js';
import { CSP } from '../http/csp.js';
import { issueFormTicket } from '../bots/form-ticket.js';
import { sendEncoded } from '../http/encoded-response.js';
import { parseInput } from '../http/validate.js';
import { isLang, translate, type Lang } from '../i18n/i18n.js';
import { requestLang } from '../http/lang.js';
import { html } from '../shared/html.js';
import { isSetupNeeded } from '../setup/setup.service.js';
import { readThreadPage, readThreadView, renderReplies, type ThreadReadDeps } from '../threads/thread.service.js';
import { findThreadByKey } from '../threads/thread-updates.service.js';
import { threadParamsSchema, type PublicComment, type ThreadPage } from '../threads/thread.schemas.js';
import { DEMO_ARTICLES } from './demo-article.js';
import { renderDemoPage } from './demo-page.js';
import { renderLandingPage } from './landing-page.js';
import { PAGE_CSS } from './page-style.js';
import { pageQuerySchema } from './pages.schemas.js';
import { renderThreadSection, withFormTicket, type ThreadSectionOptions } from './thread-html.js';
import type { PageSort } from './engagement-html.js';

const PAGE_SIZE = 50;
// Compressed once, when the module loads.
const pageCss = staticAsset(PAGE_CSS);

function ownOrigin(req: Request, config: Config): string {
  return config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : `${req.protocol}://${req.get('host')}`;
}

async function readPage(
  deps: ThreadReadDeps,
  key: string,
  cursor: string | undefined,
  sort: PageSort = 'oldest',
): Promise<{ page: ThreadPage; validUntil: number | null }> {
  const cached = await readThreadPage(deps, key, { sort, limit: PAGE_SIZE, cursor });
  return { page: JSON.parse(cached.identity.body.toString('utf8')) as ThreadPage, validUntil: cached.validUntil };
}

/**
 * Bounds a page however long its conversations are: each top-level comment shows its first
 * REPLIES_INLINE replies, or, in the view of one conversation, REPLIES_PER_PAGE from `from`.
 */
function boundReplies(page: ThreadPage, view: { root: number | undefined; from: number }): { page: ThreadPage; remaining: Map<number, { from: number; count: number }> } {
  const remaining = new Map<number, { from: number; count: number }>();
  const tops = view.root === undefined ? page.comments : page.comments.filter((comment) => comment.id === view.root);
  const comments = tops.map((comment) => {
    const from = view.root === undefined ? 0 : view.from;
    const limit = view.root === undefined ? REPLIES_INLINE : REPLIES_PER_PAGE;
    const slice = sliceReplies(comment.replies, from, limit);
    // A conversation the JSON page carries in part counts all its replies (its own view reads them all).
    const total = view.root === undefined ? (comment.replyCount ?? slice.total) : slice.total;
    if (total > from + limit) remaining.set(comment.id, { from: from + limit, count: total - from - limit });
    return { ...comment, replies: slice.replies };
  });
  return { page: { ...page, comments }, remaining };
}

/**
 * One conversation with all its replies: the JSON page carries the first ones, the replies service
 * the rest (each reply under its parent, or at the top of the conversation if its parent is not shown).
 * Only the view of one conversation needs this; what it renders stays bounded by REPLIES_PER_PAGE.
 */
async function completeConversation(deps: ThreadReadDeps, threadKey: string, page: ThreadPage, rootId: number): Promise<ThreadPage> {
  const root = page.comments.find((comment) => comment.id === rootId);
  if (!root?.repliesCursor) return page;
  const nodes = new Map<number, PublicComment>();
  const copy = (comment: PublicComment): PublicComment => {
    const node = { ...comment, replies: comment.replies.map(copy) };
    nodes.set(node.id, node);
    return node;
  };
  const whole = copy(root);
  for (let cursor: string | null = root.repliesCursor; cursor; ) {
    const next = await renderReplies(deps, threadKey, rootId, { cursor, limit: 100 });
    for (const reply of next.replies) {
      const node = { ...reply, replies: [] };
      nodes.set(node.id, node);
      ((reply.parentId !== null && nodes.get(reply.parentId)) || whole).replies.push(node);
    }
    cursor = next.nextCursor;
  }
  return { ...page, comments: page.comments.map((comment) => (comment.id === rootId ? whole : comment)) };
}

/** The no-JavaScript thread page or fragment for one query: the part of the thread it names, bounded. */
function renderThreadView(
  full: ThreadPage,
  view: { threadKey: string; query: z.infer<typeof pageQuerySchema>; lang: Lang; fragment: boolean; origin: string },
): string {
  const { threadKey, query, lang, fragment, origin } = view;
  const sort = query.sort ?? 'oldest';
  const { page, remaining } = boundReplies(full, { root: query.replies, from: query.from ?? 0 });
  const pageUrl = (params: Record<string, string>, hash = '') => {
    const url = new URL(`/threads/${encodeURIComponent(threadKey)}`, origin);
    url.searchParams.set('lang', lang);
    if (sort !== 'oldest') url.searchParams.set('sort', sort);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString() + hash;
  };
  const here = { ...(query.cursor ? { cursor: query.cursor } : {}), ...(query.replies ? { replies: String(query.replies), from: String(query.from ?? 0) } : {}) };
  const options: ThreadSectionOptions = {
    lang,
    page,
    origin,
    sort,
    replyTo: query.replyto ?? null,
    outcome: query['majlis-status'] ?? null,
    // The page returns to itself; a fragment inside an article returns to the article (or its Referer).
    returnUrl: fragment ? (page.thread.url ?? undefined) : pageUrl({}),
    replyHref: (id) => pageUrl({ ...here, replyto: String(id) }, '#respond'),
    cancelHref: pageUrl(here, '#respond'),
    moreHref: query.replies === undefined && page.nextCursor ? pageUrl({ cursor: page.nextCursor }) : null,
    moreRepliesOf: (id) => {
      const more = remaining.get(id);
      return more ? { href: pageUrl({ ...(query.cursor ? { cursor: query.cursor } : {}), replies: String(id), from: String(more.from) }), count: more.count } : null;
    },
    reader: {
      reportId: query.report ?? null,
      flagged: query['majlis-flag'] === 'sent',
      reportHref: (id) => pageUrl({ ...here, report: String(id) }, '#report'),
      sortHref: (order) => {
        const url = new URL(pageUrl({}));
        url.searchParams.set('sort', order);
        if (order === 'oldest') url.searchParams.delete('sort');
        return url.toString();
      },
    },
  };
  const section = renderThreadSection(options);
  if (fragment) return section.value;
  const title = page.thread.title ? translate(lang, 'page.commentsOn', { title: page.thread.title }) : translate(lang, 'widget.heading');
  return html`<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<link rel="stylesheet" href="/assets/majlis-page.css"></head>
<body><main class="narrow">
${page.thread.title ? html`<h1 dir="auto">${page.thread.title}</h1>` : ''}
${page.thread.url && /^https?:\/\//.test(page.thread.url) ? html`<p><a href="${page.thread.url}">${translate(lang, 'page.back')}</a></p>` : ''}
${section}
</main></body>
</html>`.value;
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
    // The thread's language decides (an Arabic article's comments are Arabic whatever the browser says);
    // an explicit ?lang= still wins, and a thread without one follows the browser.
    const threadLang = (await findThreadByKey(deps.db, threadKey))?.lang?.slice(0, 2);
    const lang = query.lang === undefined && isLang(threadLang) ? threadLang : requestLang(req);
    const fragment = req.path.endsWith('/fragment');
    const origin = ownOrigin(req, config);
    // Everything the page shows depends on these; the comments come from the thread's cached JSON page.
    const variant = [
      fragment ? 'fragment' : 'page',
      lang,
      origin,
      query.sort ?? 'oldest',
      query.cursor ?? '',
      query.replies ?? '',
      query.from ?? 0,
      query.replyto ?? '',
      query.report ?? '',
      query['majlis-flag'] ?? '',
      query['majlis-status'] ?? '',
    ].join('|');
    const view = await readThreadView(deps, threadKey, variant, async () => {
      const read = await readPage(deps, threadKey, query.cursor, query.sort);
      const page = query.replies === undefined ? read.page : await completeConversation(deps, threadKey, read.page, query.replies);
      return { body: renderThreadView(page, { threadKey, query, lang, fragment, origin }), validUntil: read.validUntil };
    });
    // The comments are the shared cached bytes; the form's ticket is this reader's, so the answer is not stored.
    res.set('Cache-Control', 'no-store');
    if (!fragment) res.set('Content-Security-Policy', CSP.page);
    res.type('html').send(withFormTicket(view.identity.body.toString('utf8'), issueFormTicket(config.SECRET, deps.clock.now())));
  });

  const demo = (lang: Lang) => async (req: Request, res: Response) => {
    const article = DEMO_ARTICLES[lang];
    const query = parseInput(pageQuerySchema, req.query, { code: 'malformed_request', message: 'query.invalid' });
    const sort = query.sort ?? 'oldest';
    const { page } = await readPage(deps, article.threadKey, undefined, sort);
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
      replyTo: query.replyto ?? null,
      outcome: query['majlis-status'] ?? null,
      returnUrl: demoUrl({}),
      replyHref: (id) => demoUrl({ replyto: String(id) }, '#respond'),
      cancelHref: demoUrl({}, '#respond'),
      moreHref: null,
    });
    res
      .set({ 'Content-Security-Policy': CSP.pageWithWidget, 'Cache-Control': 'no-store' })
      .type('html')
      .send(withFormTicket(renderDemoPage(lang, section), issueFormTicket(config.SECRET, deps.clock.now())));
  };
  router.get('/demo', demo('ar'));
  router.get('/demo/en', demo('en'));

  return router;
}
