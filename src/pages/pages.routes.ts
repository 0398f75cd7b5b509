import { Router, type Request, type Response } from 'express';
import { REPLIES_INLINE, REPLIES_PER_PAGE, firstReplies, nestReplyPage } from './reply-slice.js';
import { staticAsset } from '../browser/bundler.js';
import type { Config } from '../config/config.js';
import { CSP } from '../http/csp.js';
import { ownOrigin } from '../http/request-site.js';
import { issueFormTicket } from '../bots/form-ticket.js';
import { sendEncoded } from '../http/encoded-response.js';
import { parseInput } from '../http/validate.js';
import { isLang, translate, type Lang } from '../i18n/i18n.js';
import { requestLang } from '../http/lang.js';
import { html } from '../shared/html.js';
import { isSetupNeeded } from '../setup/setup.service.js';
import { readThreadPage, readThreadView, renderReplies, type ThreadReadDeps } from '../threads/thread.service.js';
import { findThreadByKey } from '../threads/thread-updates.service.js';
import { threadParamsSchema, type ThreadPage } from '../threads/thread.schemas.js';
import { DEMO_ARTICLES } from './demo-article.js';
import { renderDemoPage } from './demo-page.js';
import { renderLandingPage } from './landing-page.js';
import { OWN_PAGE_HEAD, PAGE_CSS } from './page-style.js';
import { pageQuerySchema, type PageQuery } from './pages.schemas.js';
import { renderThreadSection, withFormTicket, type ThreadSectionOptions } from './thread-html.js';
import type { PageSort } from './engagement-html.js';

const PAGE_SIZE = 50;
// Compressed once, when the module loads.
const pageCss = staticAsset(PAGE_CSS);
/** A speech bubble: browsers ask every origin for /favicon.ico (the dashboard, the demo, the API docs), and a 404 each time fills logs. */
const favicon = staticAsset(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f5fbf"/>' +
    '<path d="M8 8h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z" fill="#fff"/></svg>',
);

async function readPage(
  deps: ThreadReadDeps,
  key: string,
  cursor: string | undefined,
  sort: PageSort = 'oldest',
): Promise<{ page: ThreadPage; validUntil: number | null }> {
  const cached = await readThreadPage(deps, key, { sort, limit: PAGE_SIZE, cursor });
  return { page: JSON.parse(cached.identity.body.toString('utf8')) as ThreadPage, validUntil: cached.validUntil };
}

/** Where the rest of a conversation the page shows in part goes on, and how many replies remain. */
interface MoreReplies {
  /** The conversation view's cursor to resume after; null for its first page. */
  after: string | null;
  /** How many replies come before that page, to count what remains. */
  from: number;
  count: number;
}

/** A thread page bounded however long its conversations are: each top-level comment shows its first REPLIES_INLINE replies. */
function inlineReplies(page: ThreadPage): { page: ThreadPage; more: Map<number, MoreReplies> } {
  const more = new Map<number, MoreReplies>();
  const comments = page.comments.map((comment) => {
    const first = firstReplies(comment.replies, REPLIES_INLINE);
    // A conversation the JSON page carries in part counts all its replies.
    const total = comment.replyCount ?? first.total;
    if (total > REPLIES_INLINE) more.set(comment.id, { after: null, from: 0, count: total - REPLIES_INLINE });
    return { ...comment, replies: first.replies };
  });
  return { page: { ...page, comments }, more };
}

/**
 * The view of one conversation: its opening comment (on the thread page `cursor` names) and the next
 * REPLIES_PER_PAGE shown replies after `after`, from its start without it. One read of the replies
 * index bounded by the page, however long the conversation is; `from` (how many came before) only counts what remains.
 */
async function conversationView(
  deps: ThreadReadDeps,
  threadKey: string,
  page: ThreadPage,
  view: { root: number; after: string | undefined; from: number },
): Promise<{ page: ThreadPage; more: Map<number, MoreReplies> }> {
  const more = new Map<number, MoreReplies>();
  const root = page.comments.find((comment) => comment.id === view.root);
  if (!root) return { page: { ...page, comments: [] }, more };
  const next = await renderReplies(deps, threadKey, root.id, { cursor: view.after, limit: REPLIES_PER_PAGE });
  if (next.nextCursor) {
    const from = view.from + next.replies.length;
    more.set(root.id, { after: next.nextCursor, from, count: Math.max(1, (root.replyCount ?? 0) - from) });
  }
  return { page: { ...page, comments: [nestReplyPage(root, next.replies)] }, more };
}

/** The no-JavaScript thread page or fragment for one query: the part of the thread it names, bounded. */
function renderThreadView(
  shown: { page: ThreadPage; more: Map<number, MoreReplies> },
  view: { threadKey: string; query: PageQuery; lang: Lang; fragment: boolean; origin: string; guestsMayPost: boolean },
): string {
  const { threadKey, query, lang, fragment, origin, guestsMayPost } = view;
  const { page, more } = shown;
  const sort = query.sort ?? 'oldest';
  const pageUrl = (params: Record<string, string>, hash = '') => {
    const url = new URL(`/threads/${encodeURIComponent(threadKey)}`, origin);
    url.searchParams.set('lang', lang);
    if (sort !== 'oldest') url.searchParams.set('sort', sort);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString() + hash;
  };
  const onPage: Record<string, string> = query.cursor ? { cursor: query.cursor } : {};
  const conversationAt = (root: number, at: Pick<MoreReplies, 'after' | 'from'>): Record<string, string> => ({ replies: String(root), ...(at.after ? { after: at.after, from: String(at.from) } : {}) });
  const here = { ...onPage, ...(query.replies ? conversationAt(query.replies, { after: query.after ?? null, from: query.from ?? 0 }) : {}) };
  const options: ThreadSectionOptions = {
    lang,
    page,
    origin,
    guestsMayPost,
    sort,
    cursor: query.cursor,
    replyTo: query.replyto ?? null,
    outcome: query['majlis-status'] ?? null,
    // The page returns to itself; a fragment inside an article returns to the article (or its Referer).
    returnUrl: fragment ? (page.thread.url ?? undefined) : pageUrl({}),
    replyHref: (id) => pageUrl({ ...here, replyto: String(id) }, '#respond'),
    cancelHref: pageUrl(here, '#respond'),
    moreHref: query.replies === undefined && page.nextCursor ? pageUrl({ cursor: page.nextCursor }) : null,
    allCommentsHref: query.replies === undefined ? null : pageUrl(onPage, `#comment-${query.replies}`),
    moreRepliesOf: (id) => {
      const rest = more.get(id);
      return rest ? { href: pageUrl({ ...onPage, ...conversationAt(id, rest) }), count: rest.count } : null;
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
<head>${OWN_PAGE_HEAD}<title>${title}</title></head>
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
    const page = renderLandingPage(requestLang(req), { origin: ownOrigin(req, config.PUBLIC_URL), setupNeeded: await isSetupNeeded(deps) });
    res.vary('Accept-Language').set({ 'Content-Security-Policy': CSP.page, 'Cache-Control': 'no-cache' }).type('html').send(page);
  });

  router.get('/assets/majlis-page.css', (req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    sendEncoded(req, res, pageCss, 'text/css; charset=utf-8');
  });

  router.get('/favicon.ico', (req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    sendEncoded(req, res, favicon, 'image/svg+xml');
  });

  router.get(['/threads/:threadKey', '/threads/:threadKey/fragment'], async (req, res) => {
    const { threadKey } = parseInput(threadParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    const query = parseInput(pageQuerySchema, req.query, { code: 'malformed_request', message: 'query.invalid' });
    // The thread's language decides (an Arabic article's comments are Arabic whatever the browser says);
    // an explicit ?lang= still wins, and a thread without one follows the browser.
    const threadLang = (await findThreadByKey(deps.db, threadKey))?.lang?.slice(0, 2);
    const lang = query.lang === undefined && isLang(threadLang) ? threadLang : requestLang(req);
    const fragment = req.path.endsWith('/fragment');
    const origin = ownOrigin(req, config.PUBLIC_URL);
    // Everything the page shows depends on these; the comments come from the thread's cached JSON page.
    const variant = [
      fragment ? 'fragment' : 'page',
      lang,
      origin,
      query.sort ?? 'oldest',
      query.cursor ?? '',
      query.replies ?? '',
      query.after ?? '',
      query.from ?? 0,
      query.replyto ?? '',
      query.report ?? '',
      query['majlis-flag'] ?? '',
      query['majlis-status'] ?? '',
    ].join('|');
    const view = await readThreadView(deps, threadKey, variant, async () => {
      const [read, { policy }] = await Promise.all([readPage(deps, threadKey, query.cursor, query.sort), deps.policies.active()]);
      const shown =
        query.replies === undefined
          ? inlineReplies(read.page)
          : await conversationView(deps, threadKey, read.page, { root: query.replies, after: query.after, from: query.after ? (query.from ?? 0) : 0 });
      return { body: renderThreadView(shown, { threadKey, query, lang, fragment, origin, guestsMayPost: policy.guestsMayPost }), validUntil: read.validUntil };
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
    const [{ page }, { policy }] = await Promise.all([readPage(deps, article.threadKey, undefined, sort), deps.policies.active()]);
    const origin = ownOrigin(req, config.PUBLIC_URL);
    const demoUrl = (params: Record<string, string>, hash = '') => {
      const url = new URL(lang === 'ar' ? '/demo' : '/demo/en', origin);
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return url.toString() + hash;
    };
    const section = renderThreadSection({
      lang,
      page,
      origin,
      guestsMayPost: policy.guestsMayPost,
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
