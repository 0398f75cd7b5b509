import { z } from 'zod';

const ssoKeySchema = z.strictObject({
  kid: z.string().trim().min(1).max(100),
  secret: z.string().min(32, 'a shared secret must be at least 32 characters'),
  /** End of the rotation overlap: tokens signed with this key are refused from then on. */
  retiresAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
});

/** One HS256 shared secret of SSO_SECRETS. */
export type SsoKey = z.infer<typeof ssoKeySchema>;

/**
 * SSO_SECRETS: a JSON array of `{ "kid", "secret", "retiresAt"? }`. To rotate, add the new key
 * and give the old one a `retiresAt`: tokens signed with either verify until then.
 */
export const ssoKeysSchema = z
  .string()
  .transform((value, ctx): unknown => {
    try {
      return JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON array such as [{"kid":"2026-12","secret":"…"}]' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(ssoKeySchema)
      .min(1)
      .max(20)
      .refine((keys) => new Set(keys.map((key) => key.kid)).size === keys.length, 'every kid must be different'),
  );
