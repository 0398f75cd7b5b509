import { z } from 'zod';
import { commentStatusSchema } from '../comments/comment.schemas.js';
import { idSchema, pathIdSchema, queryIdSchema, timestampSchema } from '../shared/json-schemas.js';

/** The ways in a site offers, besides the guest form. */
const SIGN_IN_METHODS = ['token', 'oidc'] as const;

/** GET /auth/sso/config: what the widget offers. */
export const ssoConfigSchema = z
  .object({
    methods: z.array(z.enum(SIGN_IN_METHODS)).meta({
      description: '`token`: the site passes a signed JWT (`data-majlis-sso-token`, `Majlis.login(token)`); `oidc`: a "Sign in" button opens the OpenID Connect provider.',
    }),
    oidc: z
      .object({
        startUrl: z.string().meta({
          format: 'uri',
          description:
            "Open `startUrl?origin=<the page's origin>` in a popup. It ends by posting `{ type: 'majlis:sso', token }` to the opener at that origin (the event's origin is Majlis's own); send the token as `Authorization: Bearer`.",
        }),
        label: z.string().meta({ description: 'The sign-in button’s text: OIDC_LABEL, else the provider’s host name.' }),
      })
      .nullable()
      .meta({ description: 'Present when an OpenID Connect provider is configured.' }),
    guests: z.boolean().meta({ description: 'Whether readers who are not signed in may post (the policy’s `guestsMayPost`).' }),
  })
  .meta({ id: 'SsoConfig' });

/** GET /auth/oidc/start: the origin of the page that opens the sign-in popup, which receives the token. */
export const oidcStartQuerySchema = z.object({
  origin: z.string().min(1).max(300).meta({ description: 'The origin of the page that opened the popup (`location.origin`): this service’s own or one of ALLOWED_ORIGINS.' }),
  lang: z.string().max(20).optional().meta({ description: 'The language of the pages the popup shows (`en` or `ar`); else Accept-Language.' }),
});

/** GET /auth/sso/me: who a token signs in, as the widget may show it. */
export const signedInSchema = z.object({ reader: z.object({ displayName: z.string(), badges: z.array(z.string()) }) }).meta({ id: 'SignedInReader' });

/** POST /auth/sso/events: what the site's CMS tells Majlis, as the claims of a token it signs. */
export const siteEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('user.deleted'), mode: z.enum(['anonymise', 'delete']).default('delete') }),
  z.object({ event: z.literal('token.revoked'), revokedJti: z.string().min(1).max(500), revokedExp: z.number().int().min(0) }),
]);

/** The result of a site event. */
export const siteEventResultSchema = z.object({
  event: z.enum(['user.deleted', 'token.revoked']),
  comments: z.number().int().min(0).meta({ description: 'Comments erased (user.deleted).' }),
});

/** Path parameters of account routes. */
export const accountParamsSchema = z.object({ id: pathIdSchema });

/** GET /moderation/accounts/{id}. */
export const accountQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: queryIdSchema.optional(),
});

/** What is stored about a signed-in account (never a token or raw claims: none are kept). */
export const accountRecordSchema = z.object({
  issuer: z.string(),
  subject: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  badges: z.array(z.string()),
  role: z.string().nullable(),
  createdAt: timestampSchema,
  lastSeenAt: timestampSchema,
});

/** A signed-in account as moderators see it. */
export const accountSchema = accountRecordSchema.extend({ id: idSchema, status: z.enum(['trusted', 'normal', 'banned']) }).meta({ id: 'Account' });

/** The author view of an account: its comments across threads. */
export const accountViewSchema = z.object({
  account: accountSchema,
  comments: z.array(
    z.object({
      id: idSchema,
      thread: z.object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() }),
      parentId: idSchema.nullable(),
      body: z.string(),
      status: commentStatusSchema,
      createdAt: timestampSchema,
      deleted: z.boolean(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** PUT /moderation/accounts/{id}. */
export const accountStatusSchema = z.object({ status: z.enum(['trusted', 'normal', 'banned']) });
