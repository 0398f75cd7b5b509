import { pino } from 'pino';
import supertest from 'supertest';
import { ModelService } from '../../src/learning/model.service.js';
import type { TestContext } from './app.js';

/**
 * An agent on an app of `ctx` whose posts call `hook` where their checks read the classifier: after their bot signals,
 * before their transaction. A test holds the loop there (a slow post's checks) or holds the posts (all checked before
 * any is stored).
 */
export function agentWithClassifierHook(ctx: TestContext, hook: () => void | Promise<void>): supertest.Agent {
  const models = new ModelService({ db: ctx.db, clock: ctx.clock, logger: pino({ level: 'silent' }), config: ctx.config });
  const forPipeline = models.forPipeline.bind(models);
  models.forPipeline = async () => {
    await hook();
    return forPipeline();
  };
  return supertest.agent(ctx.appWith({ models }));
}
