import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script sent once per connection and then called by its SHA. */
export interface LuaScript {
  source: string;
  sha: string;
}

/** Names a Lua script by its SHA so EVALSHA can skip resending it. */
export function luaScript(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** Runs a script atomically in Redis, loading it the first time (or after a Redis restart lost it). */
export async function runScript(redis: Redis, script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script.source, keys.length, ...keys, ...args);
  }
}
