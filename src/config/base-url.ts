import type { Config } from './config.js';

const LOCAL_HOSTS = new Set(['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost', '']);

/**
 * Where people reach this instance, for the links printed at start: PUBLIC_URL when set, otherwise
 * the address it listens on, as localhost when that is a wildcard or loopback address.
 */
export function baseUrl(config: Pick<Config, 'PUBLIC_URL' | 'HOST'>, port: number): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  const host = LOCAL_HOSTS.has(config.HOST) ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return `http://${host}:${port}`;
}
