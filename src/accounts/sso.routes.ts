import { Router } from 'express';
import type { z } from 'zod';
import { parseInput } from '../http/validate.js';
import type { PolicyService } from '../settings/policy.service.js';
import { AppError } from '../shared/errors.js';
import { eraseAccount, type PrivacyDeps } from '../privacy/privacy.service.js';
import { accountIdBySubject, forgetSiteSubject } from './account.service.js';
import { siteEventSchema, type signedInSchema, type siteEventResultSchema, type ssoConfigSchema } from './account.schemas.js';
import { subjectOf } from './claims.js';
import { signedInReader, type ReaderDeps } from './signed-in-reader.js';

/** What the sign-in routes need. */
export type SsoRouteDeps = ReaderDeps & PrivacyDeps & { policies: PolicyService };

const BAD_BODY = { code: 'validation_failed', message: 'title.invalidInput' } as const;

/** Reader sign-in (SPEC section 8): what the site offers, who a token is, signing out, and the CMS's events. */
export function ssoRoutes(deps: SsoRouteDeps, oidc: { startUrl: string; label: string } | null): Router {
  const router = Router();

  router.get('/auth/sso/config', async (_req, res) => {
    const { policy } = await deps.policies.active();
    const methods = [...(deps.tokens.siteTokens ? (['token'] as const) : []), ...(oidc ? (['oidc'] as const) : [])];
    res.set('Cache-Control', 'public, max-age=60').json({
      methods,
      oidc,
      guests: policy.guestsMayPost,
    } satisfies z.infer<typeof ssoConfigSchema>);
  });

  router.get('/auth/sso/me', async (req, res) => {
    const reader = await signedInReader(deps, req);
    if (!reader) throw new AppError('unauthorized', 'auth.required');
    res.set('Cache-Control', 'no-store').json({ reader: { displayName: reader.displayName, badges: reader.badges } } satisfies z.infer<typeof signedInSchema>);
  });

  // Signing out: the widget forgets its token, and the token itself stops working everywhere.
  router.post('/auth/sso/logout', async (req, res) => {
    const reader = await signedInReader(deps, req);
    if (reader) await deps.tokens.revoke(reader.token.revocationId, reader.token.claims.exp);
    res.status(204).end();
  });

  // The CMS signs an event as a token with the same keys as its readers' tokens (an `event` claim,
  // which no reader token carries): a reader deleted there is erased here, a revoked token refused.
  router.post('/auth/sso/events', async (req, res) => {
    const raw = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!raw) throw new AppError('unauthorized', 'auth.required');
    const token = await deps.tokens.verify(raw);
    if (token.majlisIssued) throw new AppError('forbidden', 'sso.siteEventsOnly');
    const event = parseInput(siteEventSchema, token.claims, BAD_BODY);
    if (event.event === 'token.revoked') {
      await deps.tokens.revoke(event.revokedJti, event.revokedExp);
      res.json({ event: event.event, comments: 0 } satisfies z.infer<typeof siteEventResultSchema>);
      return;
    }
    const subject = subjectOf(token.claims);
    if (subject === null) throw new AppError(BAD_BODY.code, BAD_BODY.message, { fieldErrors: [{ field: 'sub', code: 'required', message: 'sso.eventSubject' }] });
    const accountId = await accountIdBySubject(deps, token.issuer, subject);
    const erased = accountId ? await eraseAccount(deps, accountId, event.mode, null) : null;
    if (!accountId) await forgetSiteSubject(deps.db, deps.config.SECRET, token.issuer, subject, deps.clock.now());
    res.json({ event: event.event, comments: erased?.comments ?? 0 } satisfies z.infer<typeof siteEventResultSchema>);
  });

  return router;
}
