import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';

/** The shared secrets a test site signs with (SSO_SECRETS). */
export const SITE_SECRETS = {
  old: 'old-shared-secret-of-the-newsroom-cms-0001',
  current: 'current-shared-secret-of-the-newsroom-cms-02',
};

/** A site's asymmetric keys, published as a JWKS on a real HTTP server in the test process. */
export interface SiteKeys {
  rsa: { privateKey: CryptoKey; publicPem: string };
  ec: { privateKey: CryptoKey };
  jwksUrl: string;
  close(): Promise<void>;
}

/** Generates RS256 and ES256 keys and serves their public halves at /jwks.json. */
export async function startSiteKeys(): Promise<SiteKeys> {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  const { exportSPKI } = await import('jose');
  const publicPem = await exportSPKI(rsa.publicKey);
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    rsa: { privateKey: rsa.privateKey, publicPem },
    ec: { privateKey: ec.privateKey },
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A reader's claims in Coral's SSO shape, issued `now`, valid for an hour. */
export function coralClaims(now: Date, user: Record<string, unknown>, extra: JWTPayload = {}): JWTPayload {
  const iat = Math.floor(now.getTime() / 1000);
  return { iat, exp: iat + 3600, jti: `jti-${Math.random().toString(36).slice(2)}`, user, ...extra };
}

/** Signs claims as a site would. */
export function signToken(claims: JWTPayload, key: Uint8Array | CryptoKey, header: { alg: string; kid?: string }): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ ...header, typ: 'JWT' }).sign(key);
}

/** The bytes of a shared secret. */
export function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
