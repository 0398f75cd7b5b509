import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import { networkList } from '../shared/networks.js';
import { instanceSecret } from './instance-secret.js';
import { ssoKeysSchema } from './sso.js';

/** An address as the settings take one: something, an @, something, no spaces. */
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+$/;

/**
 * One sender with an address (a display name optional): with none, mail went out with an empty envelope sender and no
 * From. A line break or other control character would fold into the header as a broken From.
 */
function isOneMailbox(value: string): boolean {
  if (/\p{Cc}/u.test(value)) return false;
  const parsed = addressparser(value, { flatten: true });
  return parsed.length === 1 && EMAIL_ADDRESS.test(parsed[0]?.address ?? '');
}

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Express's `trust proxy`: a boolean, a hop count, or a list of addresses/subnets. */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): boolean | number | string[] => {
    if (value === '' || value === 'false' || value === '0') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
    if (entries.some((entry) => !/^[0-9a-fA-F:.\/]+$|^(loopback|linklocal|uniquelocal)$/.test(entry))) {
      ctx.addIssue({ code: 'custom', message: 'expected true, false, a hop count, or a comma-separated list of addresses/subnets' });
      return z.NEVER;
    }
    return entries;
  });

const originList = z
  .string()
  .transform((value, ctx) => {
    const origins = value.split(',').map((entry) => entry.trim()).filter(Boolean);
    for (const origin of origins) {
      if (origin === '*') continue;
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
        ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin such as https://news.example.org` });
      }
    }
    return origins.map((origin) => origin.replace(/\/$/, ''));
  });

const networks = z.string().transform((value, ctx) => {
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  try {
    networkList(entries);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `${(error as Error).message}; expected e.g. 10.0.0.0/8, 192.168.1.5` });
  }
  return entries;
});

/** Hosts an OpenID Connect issuer may be reached on without TLS: this machine only (a provider beside Majlis, tests). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** OIDC_ISSUER: the provider's issuer identifier, https (http only on this machine's loopback address). */
const oidcIssuer = z
  .url({ protocol: /^https?$/ })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
  }, 'must be an https URL (http only for localhost)')
  .refine((value) => !/[?#]/.test(value), 'an issuer has no query or fragment');

/** The one schema over the environment; nothing else reads process.env. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, 'expected file:./path.db (SQLite) or postgresql://user@host/db')
      .default('file:./data/majlis.db'),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'expected redis://host:port').optional(),
    REDIS_PREFIX: z.string().min(1).max(100).default('majlis:'),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    ALLOWED_ORIGINS: originList.default([]),
    TRUST_PROXY: trustProxy.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(64 * 1024),
    RATE_LIMIT_POSTS: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_IPV6_PREFIX: z.coerce.number().int().min(16).max(128).default(64),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    THREAD_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(10),
    THREAD_CACHE_STALE_SECONDS: z.coerce.number().int().min(0).default(60),
    // Rendered thread and counts pages kept in each process, in MB: bounds memory whatever the threads' sizes.
    THREAD_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
    REACTION_REFRESH_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
    LIVE_MAX_CLIENTS: z.coerce.number().int().min(0).default(10_000),
    // One address (an IPv6 network: RATE_LIMIT_IPV6_PREFIX) cannot take every stream; a newsroom's office or a carrier's NAT holds many readers.
    LIVE_MAX_CLIENTS_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
    LIVE_COALESCE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    LIVE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
    LIVE_MAX_CONNECTION_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).default(10),
    MIGRATE_ON_START: booleanString.default(true),
    ADMIN_EMAIL: z.string().trim().regex(EMAIL_ADDRESS, 'expected an email address').optional(),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'expected smtp://user:pass@host:587 or smtps://...').optional(),
    MAIL_FROM: z
      .string()
      .trim()
      .refine(isOneMailbox, 'expected one sender such as Majlis <no-reply@news.example> or no-reply@news.example')
      .default('Majlis <no-reply@localhost>'),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    READINESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
    WEBHOOK_ALLOWED_NETWORKS: networks.default([]),
    MODERATOR_DIGEST_SECONDS: z.coerce.number().int().min(1).default(60),
    CLASSIFIER_MIN_DECISIONS: z.coerce.number().int().min(1).max(100_000).default(200),
    CLASSIFIER_RETRAIN_AFTER_DECISIONS: z.coerce.number().int().min(1).max(1_000_000).default(50),
    CLASSIFIER_RETRAIN_HOURS: z.coerce.number().min(0.01).max(24 * 365).default(24),
    CLASSIFIER_REFRESH_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    CLASSIFIER_MAX_EXAMPLES: z.coerce.number().int().min(100).max(1_000_000).default(50_000),
    // Sign-in with the newsroom's accounts (docs/sign-in.md): site-signed tokens.
    SSO_SECRETS: ssoKeysSchema.optional(),
    SSO_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSO_ISSUER: z.string().trim().min(1).max(500).optional(),
    SSO_AUDIENCE: z.string().trim().min(1).max(500).optional(),
    SSO_MAX_TOKEN_AGE_SECONDS: z.coerce.number().int().min(10).max(30 * 86_400).default(86_400),
    // Sign-in through an OpenID Connect provider (docs/sign-in.md): the provider's issuer and this client there.
    OIDC_ISSUER: oidcIssuer.optional(),
    OIDC_CLIENT_ID: z.string().trim().min(1).max(500).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
    OIDC_LABEL: z.string().trim().min(1).max(60).optional(),
    OIDC_SCOPES: z
      .string()
      .trim()
      .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'expected scopes separated by single spaces')
      .refine((scopes) => scopes.split(' ').includes('openid'), 'must include openid')
      .default('openid profile email'),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some((value) => value !== undefined) && oidc.some((value) => value === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together' });
    }
    if (env.OIDC_ISSUER !== undefined && env.PUBLIC_URL === undefined) {
      // The provider sends readers back to PUBLIC_URL/api/v1/auth/oidc/callback, which must be registered there exactly.
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required when OIDC_ISSUER is set: the redirect URI registered at the provider is built from it' });
    }
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together' });
    }
    if (env.NODE_ENV === 'production' && !env.SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SECRET'], message: 'is required in production' });
    }
    if (env.SMTP_URL !== undefined && env.PUBLIC_URL === undefined) {
      // Every mail carries links (confirmation, unsubscribe, the dashboard): without the public address they would point at localhost.
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: "is required when SMTP_URL is set: the links in every mail are built from it (e.g. PUBLIC_URL=https://comments.example.org); without it they would point at this machine's localhost" });
    }
    // Also when another variable is wrong, so that every problem is listed at once: these look only at which variables are set.
  }, { when: () => true });

type ParsedEnv = z.infer<typeof configSchema>;

/** Validated configuration; without SECRET (never in production) the instance's own generated secret. */
export type Config = Omit<ParsedEnv, 'SECRET'> & { SECRET: string; generatedSecretFile: string | null };

/** Thrown at start with every problem in the environment listed, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; empty values count as unset so `.env` files can list every key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const { SECRET, ...rest } = result.data;
  if (SECRET !== undefined) return { ...rest, SECRET, generatedSecretFile: null };
  const generated = instanceSecret(rest.DATA_DIR);
  return { ...rest, SECRET: generated.secret, generatedSecretFile: generated.file };
}

/** Settings that work but put the service at risk, said once at start (main.ts logs them as warnings). */
export function riskySettings(config: Config): string[] {
  const risks: string[] = [];
  if (config.TRUST_PROXY === true) {
    risks.push('TRUST_PROXY is true: every X-Forwarded-For is believed, so a client that reaches this port without the proxy picks its own address for rate limits, bans and the flood check. Set the number of proxies in front (1) or their addresses.');
  }
  return risks;
}

/** DATABASE_URL alone, for tools that need nothing else (`npm run migrate` runs before SECRET may be set). */
export function loadDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  const value = env.DATABASE_URL === '' ? undefined : env.DATABASE_URL;
  const result = configSchema.shape.DATABASE_URL.safeParse(value);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => `DATABASE_URL: ${issue.message}`));
  return result.data;
}

/**
 * Reads `.env` in `dir` (the working directory) into process.env, as `.env.example` suggests. A
 * variable already set in the environment wins, so a deployment can override any line of the file.
 * Entry points call this before loadConfig; tests never do. Returns the file read, or null.
 */
export function loadEnvFile(dir: string = process.cwd()): string | null {
  const path = resolve(dir, '.env');
  if (!existsSync(path)) return null;
  process.loadEnvFile(path);
  return path;
}
