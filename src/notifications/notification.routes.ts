import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { readerNoticeSchema } from '../shared/json-schemas.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import { AppError } from '../shared/errors.js';
import { CSP } from '../http/csp.js';
import { requestLang } from '../http/lang.js';
import { renderPage } from '../http/small-page.js';
import { translate } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Clock } from '../shared/clock.js';
import { html } from '../shared/html.js';
import { tokenQuerySchema, type confirmationSchema } from './notification.schemas.js';
import { confirmEmail, isPendingConfirmation, isUnsubscribeToken, unsubscribe } from './notification.service.js';


function tokenOf(req: Request): string | null {
  const parsed = tokenQuerySchema.safeParse(req.query);
  return parsed.success ? parsed.data.token : null;
}

function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

/** The outcome as a small page, or as JSON for a client that asks for it (a dead link is then a problem document). */
function page(req: Request, res: Response, outcome: { ok: boolean; key: MessageKey }, extra = html``): void {
  if (!outcome.ok && wantsJson(req)) throw new AppError('invalid_link', outcome.key);
  const lang = requestLang(req);
  const message = translate(lang, outcome.key);
  if (wantsJson(req)) {
    res.json({ message } satisfies z.infer<typeof readerNoticeSchema>);
    return;
  }
  res
    .status(outcome.ok ? 200 : 400)
    .set('Content-Security-Policy', CSP.smallPage)
    .type('html')
    .send(renderPage(lang, message, html`<p role="status">${message}</p>${extra}`));
}

/**
 * What a GET of a mail link answers: the page with a button that POSTs the same link, and nothing
 * changed. Mail security scanners open every link with GET; had the GET acted, the scanner would
 * have confirmed the address (and received the commenter key) or unsubscribed the reader.
 */
function buttonPage(req: Request, res: Response, path: 'confirm' | 'unsubscribe', token: string): void {
  const lang = requestLang(req);
  const prompt = translate(lang, `${path}.prompt`);
  if (wantsJson(req)) {
    res.json({ message: prompt } satisfies z.infer<typeof readerNoticeSchema>);
    return;
  }
  // Relative to /api/v1/<path>: the form posts to the very link the mail carried, in the language of this page.
  const action = `${path}?token=${encodeURIComponent(token)}&lang=${lang}`;
  // The same body a mail client's RFC 8058 one-click POST carries.
  const oneClick = path === 'unsubscribe' ? html`<input type="hidden" name="List-Unsubscribe" value="One-Click">` : html``;
  res
    .set('Content-Security-Policy', CSP.smallPage)
    .type('html')
    .send(
      renderPage(
        lang,
        prompt,
        html`<p>${prompt}</p><form method="post" action="${action}">${oneClick}<button type="submit">${translate(lang, `${path}.button`)}</button></form>`,
      ),
    );
}

/** Landing pages of the links in notification mail: unsubscribe and email confirmation. */
export function notificationRoutes(deps: { db: Db; config: Config; clock: Clock }): Router {
  const router = Router();

  // GET (the link in the text) shows a button; POST acts: the button, and RFC 8058 one-click
  // unsubscribe from mail clients (List-Unsubscribe-Post), which never needs the page.
  router.get('/unsubscribe', (req, res) => {
    const token = tokenOf(req);
    res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer');
    if (token === null || !isUnsubscribeToken(deps.config.SECRET, token)) return page(req, res, { ok: false, key: 'unsubscribe.invalid' });
    buttonPage(req, res, 'unsubscribe', token);
  });
  router.post('/unsubscribe', async (req, res) => {
    const token = tokenOf(req);
    const done = token !== null && (await unsubscribe(deps.db, deps.config.SECRET, token));
    res.set('Cache-Control', 'no-store');
    page(req, res, done ? { ok: true, key: 'unsubscribe.done' } : { ok: false, key: 'unsubscribe.invalid' });
  });

  router.get('/confirm', async (req, res) => {
    const token = tokenOf(req);
    res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer');
    if (token === null || !(await isPendingConfirmation(deps.db, token))) return page(req, res, { ok: false, key: 'confirm.invalid' });
    buttonPage(req, res, 'confirm', token);
  });

  router.post('/confirm', async (req, res) => {
    const token = tokenOf(req);
    const confirmed = token === null ? null : await confirmEmail(deps.db, deps.config.SECRET, token, deps.clock.now());
    res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer');
    if (!confirmed) return page(req, res, { ok: false, key: 'confirm.invalid' });
    const lang = requestLang(req);
    if (wantsJson(req)) {
      res.json({ message: translate(lang, 'confirm.done'), commenterKey: confirmed.commenterKey } satisfies z.infer<typeof confirmationSchema>);
      return;
    }
    // The fragment never reaches a server; the widget on the article page can pick the key up from it.
    const back = confirmed.threadUrl ? `${confirmed.threadUrl}#majlis-commenter-key=${encodeURIComponent(confirmed.commenterKey)}` : null;
    page(
      req,
      res,
      { ok: true, key: 'confirm.done' },
      html`<p>${translate(lang, 'confirm.key')}</p><p><code id="commenter-key">${confirmed.commenterKey}</code></p>${back ? html`<p><a href="${back}">${translate(lang, 'page.back')}</a></p>` : html``}`,
    );
  });

  return router;
}
