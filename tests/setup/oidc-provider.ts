// A real OpenID Connect provider (panva's oidc-provider) in the test process, on 127.0.0.1, with one
// confidential client registered for Majlis's callback. Its login page is a minimal form (any known
// account id signs in, no password); consent is granted automatically, as for a first-party client.
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** A port listened on before anything answers it, so addresses can be known before the app exists. */
export interface Listening {
  origin: string;
  serve(handler: RequestListener): void;
  close(): Promise<void>;
}

/** Listens on an ephemeral port of 127.0.0.1; `serve` sets what answers. */
export async function listenFirst(): Promise<Listening> {
  let handler: RequestListener = (_req, res) => void res.writeHead(503).end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    serve(next) {
      handler = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The client Majlis is registered as. */
export const OIDC_CLIENT = { id: 'majlis-comments', secret: 'the-client-secret-majlis-was-given-at-the-provider' };

/** Who can sign in at the test provider, and what it says about them. */
const OIDC_ACCOUNTS: Record<string, Record<string, unknown>> = {
  'reader-1': { name: 'ليلى المنصوري', email: 'layla@readers.example', email_verified: true, badges: ['subscriber'] },
  'reader-2': { preferred_username: 'omar_k', email: 'omar@readers.example' },
};

/** A running provider. */
export interface TestProvider {
  issuer: string;
  provider: Provider;
  close(): Promise<void>;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/** Starts the provider with Majlis's client registered for `redirectUri`. */
export async function startOidcProvider(redirectUri: string): Promise<TestProvider> {
  const listening = await listenFirst();
  const issuer = listening.origin;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'provider-key-1', alg: 'RS256', use: 'sig' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['test-provider-cookie-key-0123456789'] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'badges'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
      const claims = OIDC_ACCOUNTS[id];
      return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
    },
    // A first-party client: every scope it asks for is granted without a consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, provider: self } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return self.Grant.find(existing);
      const grant = new self.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
  });
  const callback = provider.callback();
  listening.serve(async (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!match) return callback(req, res);
    try {
      if (req.method === 'POST' && match[2]) {
        const form = await readForm(req);
        await provider.interactionFinished(req, res, { login: { accountId: form.get('login') ?? '' } }, { mergeWithLastSubmission: false });
        return;
      }
      const details = await provider.interactionDetails(req, res);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html lang="en"><head><title>Test provider</title></head><body><h1>Sign in at the test provider</h1>` +
          `<form method="post" action="/interaction/${details.uid}/login"><label for="login">Account</label> <input id="login" name="login" autocomplete="username">` +
          `<button type="submit">Sign in</button></form></body></html>`,
      );
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  return { issuer, provider, close: () => listening.close() };
}
