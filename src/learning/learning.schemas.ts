import { z } from 'zod';
import { modelMetricsSchema, RISK_LABELS } from '../classifier/index.js';
import { countSchema, idSchema, timestampSchema } from '../shared/json-schemas.js';

const label = z.enum(['acceptable', 'abusive', 'spam']);
const counts = z.object({ acceptable: countSchema, abusive: countSchema, spam: countSchema });

/** A trained model as SPEC section 8 describes it. */
const modelSchema = z
  .object({
    version: idSchema,
    examples: countSchema.meta({ description: 'Decided comments (and file examples) it learned from.' }),
    trainedAt: timestampSchema,
    metrics: modelMetricsSchema.nullable().meta({ description: 'Cross-validated figures; null when too few examples to measure.' }),
  })
  .meta({ id: 'ClassifierModel' });

/** GET /moderation/model and POST /moderation/model/train. */
export const modelResponseSchema = z.object({ model: modelSchema });

/** GET /moderation/model/status: what the model in force may vote on, and what there is to learn from now. */
export const modelStatusSchema = z.object({
  model: modelSchema.nullable(),
  readiness: z.object({
    ready: z.boolean(),
    labels: z.array(z.enum(RISK_LABELS as ['abusive', 'spam'])).meta({ description: 'The labels the model votes on.' }),
    missing: z.array(z.object({ label, examples: countSchema, needed: countSchema })).meta({
      description: 'Labels with too few decisions to be trusted yet: those the model in force learned from, or without a model, those there are to learn from now (`decided` and `kept`).',
    }),
    weak: z
      .array(z.object({ label: z.enum(RISK_LABELS as ['abusive', 'spam']), rocAuc: z.number().min(0).max(1), needed: z.number().min(0).max(1) }))
      .meta({ description: 'Labels with decisions enough whose cross-validated ROC AUC is below `needed`: the model stays silent on them.' }),
  }),
  decided: counts.meta({ description: 'Decided comments there are to learn from now, by label.' }),
  kept: counts.meta({ description: 'Examples kept from labelled files (`npm run model -- train --from`), by label: every training learns from them too.' }),
  newDecisions: countSchema.meta({ description: 'Decisions since the model in force was trained.' }),
  minPerLabel: countSchema,
});
