// OpenID Connect sign-in against a real provider (oidc-provider) in the test process, over real
// HTTP on both sides: start → the provider's authorization and login → Majlis's callback → the
// token the popup page posts → a comment posted with it.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { STATE_SECONDS } from '../../src/accounts/oidc-state.js';
import { translate } from '../../src/i18n/i18n.js';
import { restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { listenFirst, OIDC_CLIENT, startOidcProvider, type Listening, type TestProvider } from '../setup/oidc-provider.js';

const SITE = 'https://news.example';
let majlis: Listening;
let op: TestProvider;
let ctx: TestContext;
let callbackBase: string;

before(async () => {
  majlis = await listenFirst();
  callbackBase = `${majlis.origin}/api/v1/auth/oidc/callback`;
  op = await startOidcProvider(callbackBase);
  ctx = await createTestContext({
    PUBLIC_URL: majlis.origin,
    ALLOWED_ORIGINS: SITE,
    OIDC_ISSUER: op.issuer,
    OIDC_CLIENT_ID: OIDC_CLIENT.id,
    OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
    OIDC_LABEL: 'News account',
  });
  majlis.serve(ctx.app);
});
after(async () => {
  await majlis.close();
  await op.close();
  await ctx.close();
});
restorePolicyAfterEach(() => ctx);
beforeEach(async () => {
  // The provider signs its ID tokens on the wall clock; Majlis judges them on the injected one.
  ctx.clock.setTo(new Date());
  await setPolicy(ctx, { challengeWhen: [], floodIntervalSeconds: 0 });
});

/** The cookies one browser holds for one origin. */
class Jar {
  readonly cookies = new Map<string, string>();
  /** The Set-Cookie lines of the last response that set any. */
  lastSet: string[] = [];

  store(res: Response): void {
    const lines = res.headers.getSetCookie();
    if (lines.length > 0) this.lastSet = lines;
    for (const line of lines) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** One request as a browser makes it: its cookies, no automatic redirects. */
async function browse(url: string, jar: Jar, init: RequestInit = {}, lang = 'en'): Promise<Response> {
  const res = await fetch(url, {
    redirect: 'manual',
    ...init,
    headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': lang, cookie: jar.header(), ...(init.headers as Record<string, string> | undefined) },
  });
  jar.store(res);
  return res;
}

function startUrl(origin: string, lang?: string): string {
  return `${majlis.origin}/api/v1/auth/oidc/start?origin=${encodeURIComponent(origin)}${lang ? `&lang=${lang}` : ''}`;
}

/** Starts a sign-in and walks the provider (login as `account`) up to the redirect to Majlis's callback, which is returned unfollowed. */
async function throughProvider(options: { account?: string; lang?: string } = {}): Promise<{ callback: string; site: Jar; authorize: URL }> {
  const site = new Jar();
  const started = await browse(startUrl(SITE, options.lang), site);
  assert.equal(started.status, 302, await started.text());
  const authorize = new URL(started.headers.get('location') ?? '');
  const provider = new Jar();
  let next = authorize.href;
  for (let hops = 0; hops < 12; hops += 1) {
    if (next.startsWith(callbackBase)) return { callback: next, site, authorize };
    const res = await browse(next, provider);
    if (res.status === 200 && new URL(next).pathname.startsWith('/interaction/')) {
      const page = await res.text();
      const action = /action="([^"]+)"/.exec(page)?.[1];
      assert.ok(action, page);
      const posted = await browse(new URL(action, next).href, provider, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login: options.account ?? 'reader-1' }).toString(),
      });
      assert.ok([302, 303].includes(posted.status), `login answered ${posted.status}`);
      next = new URL(posted.headers.get('location') ?? '', next).href;
      continue;
    }
    assert.ok([302, 303].includes(res.status), `${next} answered ${res.status}: ${await res.text()}`);
    next = new URL(res.headers.get('location') ?? '', next).href;
  }
  throw new Error('the provider never redirected back to Majlis');
}

/** The token and origin the callback page hands the opener. */
function handedOver(page: string): { token: string; origin: string } {
  const token = /data-token="([^"]+)"/.exec(page)?.[1];
  const origin = /data-origin="([^"]+)"/.exec(page)?.[1];
  assert.ok(token && origin, page);
  return { token, origin };
}

const stored = async () => ({ accounts: await ctx.db.account.count(), comments: await ctx.db.comment.count() });

describe('GET /api/v1/auth/sso/config with an OpenID Connect provider', () => {
  it('offers "oidc" with the start URL and the label', async () => {
    const res = await ctx.request.get('/api/v1/auth/sso/config').expect(200);
    assert.deepEqual(res.body, { methods: ['oidc'], oidc: { startUrl: `${majlis.origin}/api/v1/auth/oidc/start`, label: 'News account' }, guests: true });
  });
});

describe('OpenID Connect sign-in, the whole way', () => {
  it('start → provider login → callback page posts a Majlis token to the site origin; the token posts a comment as the account', async () => {
    const before = await stored();
    const { callback, site, authorize } = await throughProvider();
    // The authorization request: code flow with PKCE S256, state and nonce, to the registered redirect URI.
    assert.equal(authorize.origin, op.issuer);
    const params = authorize.searchParams;
    assert.equal(params.get('response_type'), 'code');
    assert.equal(params.get('client_id'), OIDC_CLIENT.id);
    assert.equal(params.get('redirect_uri'), callbackBase);
    assert.equal(params.get('scope'), 'openid profile email');
    assert.equal(params.get('code_challenge_method'), 'S256');
    assert.match(params.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok((params.get('nonce') ?? '').length >= 32);
    const state = params.get('state') ?? '';
    const cookie = site.lastSet.find((line) => line.startsWith(`majlis_oidc_${state}=`));
    assert.ok(cookie, 'the state cookie is named after the state');
    assert.match(cookie, /Path=\/api\/v1\/auth\/oidc\/callback/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'no Secure flag while PUBLIC_URL is http');
    assert.ok(!cookie.includes(params.get('nonce') ?? ''), 'the nonce is not readable in the cookie');

    const done = await browse(callback, site);
    const page = await done.text();
    assert.equal(done.status, 200, page);
    assert.equal(done.headers.get('cache-control'), 'no-store');
    assert.equal(done.headers.get('referrer-policy'), 'no-referrer');
    // One inline script, allowed by its hash alone.
    const scriptSrc = (done.headers.get('content-security-policy') ?? '').split(';').map((part) => part.trim()).filter((part) => part.startsWith('script-src'));
    assert.equal(scriptSrc.length, 1);
    assert.match(scriptSrc[0] ?? '', /^script-src 'sha256-[A-Za-z0-9+/=]+'$/);
    assert.ok(page.includes(translate('en', 'sso.signedIn')));
    assert.ok(page.includes("postMessage({type:'majlis:sso',token:"));
    assert.equal(site.cookies.has(`majlis_oidc_${state}`), false, 'the state cookie is cleared');
    const { token, origin } = handedOver(page);
    assert.equal(origin, SITE);

    const claims = decodeJwt(token);
    assert.equal(claims.iss, `majlis:oidc:${op.issuer}`);
    assert.equal(claims.sub, 'reader-1');
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 3600);
    assert.ok(typeof claims.jti === 'string');
    assert.ok(!JSON.stringify(claims).includes('layla@'), 'no email in the token');

    const account = await ctx.db.account.findUniqueOrThrow({ where: { issuer_subject: { issuer: op.issuer, subject: 'reader-1' } } });
    assert.equal(account.displayName, 'ليلى المنصوري');
    assert.equal(account.email, 'layla@readers.example');
    assert.deepEqual(account.badges, ['subscriber']);

    const posted = await ctx.request.post('/api/v1/threads/oidc-first/comments').set('Authorization', `Bearer ${token}`).send({ body: 'Signed in through the newsroom provider.' });
    assert.equal(posted.status, 201, posted.text);
    assert.equal(posted.body.comment.authorName, 'ليلى المنصوري');
    assert.deepEqual(posted.body.comment.badges, ['subscriber']);
    assert.ok(!posted.text.includes('layla@'));
    const { auth } = await signIn(ctx);
    const queued = await ctx.request.get(`/api/v1/moderation/comments/${posted.body.comment.id}`).set('Authorization', auth).expect(200);
    assert.equal(queued.body.identifiedBy, 'signed_in');
    assert.equal(queued.body.accountId, account.id);
    const after = await stored();
    assert.deepEqual(after, { accounts: before.accounts + 1, comments: before.comments + 1 });

    // The same token identifies the reader, and signing out revokes it everywhere.
    const me = await ctx.request.get('/api/v1/auth/sso/me').set('Authorization', `Bearer ${token}`).expect(200);
    assert.deepEqual(me.body, { reader: { displayName: 'ليلى المنصوري', badges: ['subscriber'] } });
    await ctx.request.post('/api/v1/auth/sso/logout').set('Authorization', `Bearer ${token}`).expect(204);
    const refused = await ctx.request.post('/api/v1/threads/oidc-first/comments').set('Authorization', `Bearer ${token}`).send({ body: 'After signing out.' });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.detail, translate('en', 'sso.revoked'));
  });

  it('signing in again finds the same account; the display name can come from preferred_username', async () => {
    const first = await throughProvider({ account: 'reader-2' });
    const one = handedOver(await (await browse(first.callback, first.site)).text());
    const second = await throughProvider({ account: 'reader-2' });
    const two = handedOver(await (await browse(second.callback, second.site)).text());
    assert.notEqual(one.token, two.token);
    const accounts = await ctx.db.account.findMany({ where: { issuer: op.issuer, subject: 'reader-2' } });
    assert.equal(accounts.length, 1);
    assert.equal(accounts[0]?.displayName, 'omar_k');
    assert.equal(accounts[0]?.email, null, 'an address the provider did not verify (no email_verified) is not kept');
    const posted = await ctx.request.post('/api/v1/threads/oidc-again/comments').set('Authorization', `Bearer ${two.token}`).send({ body: 'Second visit.' });
    assert.equal(posted.status, 201, posted.text);
    assert.equal(posted.body.comment.authorName, 'omar_k');
  });

  it('the token expires after an hour on the injected clock, and never works as a site event', async () => {
    const { callback, site } = await throughProvider();
    const { token } = handedOver(await (await browse(callback, site)).text());
    const event = await ctx.request.post('/api/v1/auth/sso/events').set('Authorization', `Bearer ${token}`).send({});
    assert.equal(event.status, 403);
    assert.equal(event.body.detail, translate('en', 'sso.siteEventsOnly'));
    ctx.clock.advance(3600 + 31);
    const late = await ctx.request.get('/api/v1/auth/sso/me').set('Authorization', `Bearer ${token}`);
    assert.equal(late.status, 401);
    assert.equal(late.body.detail, translate('en', 'sso.expired'));
  });

  it('answers in Arabic, right to left, when the sign-in started with lang=ar', async () => {
    const { callback, site } = await throughProvider({ lang: 'ar' });
    const page = await (await browse(callback, site)).text();
    assert.match(page, /<html lang="ar" dir="rtl">/);
    assert.ok(page.includes(translate('ar', 'sso.signedIn')));
  });
});

describe('OpenID Connect sign-in refused', () => {
  async function refusedCallback(url: string, jar: Jar, message: Parameters<typeof translate>[1], lang = 'en') {
    const before = await stored();
    const res = await browse(url, jar, {}, lang);
    const page = await res.text();
    assert.equal(res.status, 400, page);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(page.includes(translate(lang === 'ar' ? 'ar' : 'en', message)), page);
    assert.ok(!/data-token/.test(page));
    assert.deepEqual(await stored(), before, 'nothing stored');
  }

  it('a tampered state, or a tampered state cookie', async () => {
    const { callback, site } = await throughProvider();
    const url = new URL(callback);
    const state = url.searchParams.get('state') ?? '';
    const other = new URL(callback);
    other.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    await refusedCallback(other.href, site, 'sso.oidcStateInvalid');

    const forged = new Jar();
    const sealed = site.cookies.get(`majlis_oidc_${state}`) ?? '';
    forged.cookies.set(`majlis_oidc_${state}`, `${sealed.slice(0, -3)}${sealed.endsWith('AAA') ? 'BBB' : 'AAA'}`);
    await refusedCallback(callback, forged, 'sso.oidcStateInvalid');
    // Another browser (no cookie at all) cannot complete it either.
    await refusedCallback(callback, new Jar(), 'sso.oidcStateInvalid');
  });

  it('a state used once is not accepted again', async () => {
    const { callback, site } = await throughProvider();
    const state = new URL(callback).searchParams.get('state') ?? '';
    const sealed = site.cookies.get(`majlis_oidc_${state}`) ?? '';
    const first = await browse(callback, site);
    assert.equal(first.status, 200);
    // A replay with the very cookie and redirect of the first.
    const replay = new Jar();
    replay.cookies.set(`majlis_oidc_${state}`, sealed);
    await refusedCallback(callback, replay, 'sso.oidcStateUsed');
  });

  it('an expired state (more than ten minutes on the injected clock)', async () => {
    const { callback, site } = await throughProvider();
    ctx.clock.advance(STATE_SECONDS + 1);
    await refusedCallback(callback, site, 'sso.oidcStateExpired');
  });

  it('the provider refusing (error=access_denied)', async () => {
    const { authorize, site } = await throughProvider();
    const state = authorize.searchParams.get('state') ?? '';
    await refusedCallback(`${callbackBase}?error=access_denied&state=${state}&iss=${encodeURIComponent(op.issuer)}`, site, 'sso.oidcDenied');
  });

  it('a code the provider does not know', async () => {
    const { callback, site } = await throughProvider();
    const url = new URL(callback);
    url.searchParams.set('code', 'not-a-code-the-provider-issued');
    await refusedCallback(url.href, site, 'sso.oidcFailed');
  });

  it('a callback with no state, in Arabic by Accept-Language', async () => {
    await refusedCallback(`${callbackBase}?code=abc`, new Jar(), 'sso.oidcStateInvalid', 'ar');
  });

  it('a start for an origin that is not an allowed site: a page for browsers, a problem for JSON clients, no cookie', async () => {
    for (const origin of ['https://evil.example', 'null', '*', `${SITE}/path`, 'https://news.example.evil.example', 'javascript:alert(1)']) {
      const jar = new Jar();
      const res = await browse(startUrl(origin), jar);
      const page = await res.text();
      assert.equal(res.status, 400, `${origin}: ${page}`);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.ok(page.includes(translate('en', 'sso.oidcOrigin')));
      assert.equal(res.headers.get('location'), null);
      assert.deepEqual(jar.lastSet, []);
    }
    const json = await ctx.request.get('/api/v1/auth/oidc/start').query({ origin: 'https://evil.example' }).set('Accept', 'application/json').set('Accept-Language', 'ar');
    assert.equal(json.status, 400);
    assert.equal(json.body.code, 'sign_in_failed');
    assert.equal(json.body.detail, translate('ar', 'sso.oidcOrigin'));
    const missing = await ctx.request.get('/api/v1/auth/oidc/start').set('Accept', 'application/json');
    assert.equal(missing.status, 400);
    assert.equal(missing.headers['set-cookie'], undefined);
  });

  it("Majlis's own origin may start a sign-in", async () => {
    const res = await browse(startUrl(majlis.origin), new Jar());
    assert.equal(res.status, 302);
  });
});

describe('OpenID Connect not configured', () => {
  it('start and callback answer without a provider, and config offers no oidc', async () => {
    const plain = await createTestContext();
    try {
      const config = await plain.request.get('/api/v1/auth/sso/config').expect(200);
      assert.deepEqual(config.body, { methods: [], oidc: null, guests: true });
      const start = await plain.request.get('/api/v1/auth/oidc/start').query({ origin: SITE }).set('Accept', 'application/json');
      assert.equal(start.status, 404);
      assert.equal(start.body.detail, translate('en', 'sso.notConfigured'));
      const callback = await plain.request.get('/api/v1/auth/oidc/callback').query({ code: 'x', state: 'y' });
      assert.equal(callback.status, 400);
    } finally {
      await plain.close();
    }
  });
});
