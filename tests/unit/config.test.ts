import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError, configSchema, loadConfig } from '../../src/config/config.js';

describe('configuration', () => {
  it('starts with no environment at all on the embedded SQLite default', () => {
    const config = loadConfig({});
    assert.equal(config.DATABASE_URL, 'file:./data/majlis.db');
    assert.equal(config.PORT, 3000);
    assert.equal(config.usingDevelopmentSecret, true);
    assert.equal(config.TRUST_PROXY, false);
  });

  it('lists every bad value at once, by name', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SECRET: 'short', ALLOWED_ORIGINS: 'news.example', NODE_ENV: 'staging' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const fields = error.problems.map((p) => p.split(':')[0]).sort();
      assert.deepEqual(fields, ['ALLOWED_ORIGINS', 'DATABASE_URL', 'NODE_ENV', 'PORT', 'SECRET']);
      assert.match(error.message, /SECRET: must be at least 32 characters/);
    }
  });

  it('requires SECRET in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SECRET: is required in production/);
  });

  it('parses TRUST_PROXY and ALLOWED_ORIGINS', () => {
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY, true);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).TRUST_PROXY, ['10.0.0.0/8', 'loopback']);
    assert.deepEqual(loadConfig({ ALLOWED_ORIGINS: 'https://a.example, https://b.example/' }).ALLOWED_ORIGINS, ['https://a.example', 'https://b.example']);
  });

  it('the README configuration table names every variable', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    assert.deepEqual(Object.keys(configSchema.shape).filter((key) => !readme.includes(`\`${key}\``)), []);
  });

  it('.env.example lists every variable the schema reads', () => {
    const listed = new Set(
      readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => line.split('=')[0]),
    );
    const keys = Object.keys(configSchema.shape);
    assert.deepEqual(keys.filter((key) => !listed.has(key)), []);
    assert.deepEqual([...listed].filter((key) => !keys.includes(key as string)), []);
  });
});
