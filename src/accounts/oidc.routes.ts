import { Router } from 'express';
import { requestLang } from '../http/lang.js';
import { AppError } from '../shared/errors.js';
import { oidcStartQuerySchema } from './account.schemas.js';
import { CALLBACK_PATH, stateCookieName } from './oidc-state.js';
import { sendSignedInPage, sendSignInFailedPage } from './oidc-pages.js';
import { callbackState, finishOidcSignIn, startOidcSignIn, type OidcDeps } from './oidc.service.js';

/** The query string of a request as the browser sent it. */
function queryOf(originalUrl: string): URLSearchParams {
  const at = originalUrl.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : originalUrl.slice(at + 1));
}

/** OpenID Connect sign-in for readers (docs/sign-in.md): the widget opens the start in a popup. */
export function oidcRoutes(deps: OidcDeps): Router {
  const router = Router();
  const secure = deps.config.PUBLIC_URL?.startsWith('https:') ?? false;

  router.get('/auth/oidc/start', async (req, res) => {
    const parsed = oidcStartQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new AppError(deps.oidc ? 'sign_in_failed' : 'not_found', deps.oidc ? 'sso.oidcOrigin' : 'sso.notConfigured');
    const { location, cookie } = await startOidcSignIn(deps, parsed.data.origin, requestLang(req));
    res
      .cookie(cookie.name, cookie.value, { httpOnly: true, sameSite: 'lax', secure, path: CALLBACK_PATH, maxAge: cookie.maxAgeSeconds * 1000 })
      .set('Cache-Control', 'no-store')
      .redirect(302, location);
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    const query = queryOf(req.originalUrl);
    const outcome = await finishOidcSignIn(deps, query, req.get('cookie'));
    // The state's cookie has done its work, whatever the outcome.
    const state = callbackState(query);
    if (state !== null) res.clearCookie(stateCookieName(state), { httpOnly: true, sameSite: 'lax', secure, path: CALLBACK_PATH });
    if (outcome.ok) return sendSignedInPage(res, outcome.lang, outcome.token, outcome.origin);
    sendSignInFailedPage(res, outcome.lang ?? requestLang(req), outcome.message);
  });

  return router;
}
