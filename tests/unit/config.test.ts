import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { baseUrl } from '../../src/config/base-url.js';
import { ConfigError, configSchema, loadConfig, loadDatabaseUrl, loadEnvFile, riskySettings } from '../../src/config/config.js';

describe('configuration', () => {
  it('starts with no environment at all on the embedded SQLite default', () => {
    const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'majlis-config-')) });
    assert.equal(config.DATABASE_URL, 'file:./data/majlis.db');
    assert.equal(config.PORT, 3000);
    assert.equal(config.TRUST_PROXY, false);
  });

  it('without SECRET, makes a random secret on first start, keeps it in the data directory and reuses it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'majlis-secret-'));
    try {
      const first = loadConfig({ DATA_DIR: dataDir });
      assert.match(first.SECRET, /^[0-9a-f]{64}$/);
      assert.equal(first.generatedSecretFile, join(dataDir, 'secret'));
      assert.equal(readFileSync(join(dataDir, 'secret'), 'utf8').trim(), first.SECRET);
      assert.equal(loadConfig({ DATA_DIR: dataDir }).SECRET, first.SECRET, 'the same secret after a restart');
      const other = mkdtempSync(join(tmpdir(), 'majlis-secret-'));
      assert.notEqual(loadConfig({ DATA_DIR: other }).SECRET, first.SECRET, 'another installation, another secret');
      rmSync(other, { recursive: true });
      // No value from the public source signs anything: the old built-in secret is gone from the code.
      assert.doesNotMatch(readFileSync(new URL('../../src/config/config.ts', import.meta.url), 'utf8'), /development-secret/);
      assert.equal(loadConfig({ DATA_DIR: dataDir, SECRET: 'x'.repeat(32) }).generatedSecretFile, null);
    } finally {
      rmSync(dataDir, { recursive: true });
    }
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

  it('lists the rules between variables beside a bad value too, not only once it is fixed', () => {
    assert.throws(() => loadConfig({ PORT: 'abc', NODE_ENV: 'production' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems.map((p) => p.split(':')[0]).sort(), ['PORT', 'SECRET']);
      return true;
    });
    assert.throws(() => loadConfig({ SMTP_URL: 'smtp://mail.example:25', LOG_LEVEL: 'verbose', ADMIN_EMAIL: 'chief@newsroom.example' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems.map((p) => p.split(':')[0]).sort(), ['ADMIN_PASSWORD', 'LOG_LEVEL', 'PUBLIC_URL']);
      return true;
    });
  });

  it('requires SECRET in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SECRET: is required in production/);
  });

  it('takes MAIL_FROM only as one sender with an address: without one, mail left with no sender at all', () => {
    for (const bad of ['notanaddress', 'Majlis <>', 'Name <bad>', 'a@example.org, b@example.org', 'Evil\r\nBcc: x@y <a@b.c>', 'Tab\tName <a@b.c>']) {
      assert.throws(() => loadConfig({ MAIL_FROM: bad }), /MAIL_FROM: expected one sender/, bad);
    }
    for (const good of ['no-reply@news.example', 'Majlis <no-reply@news.example>', 'مجلس <no-reply@news.example>', '"Comments, The Paper" <c@news.example>']) {
      assert.equal(loadConfig({ MAIL_FROM: good }).MAIL_FROM, good);
    }
  });

  it('refuses SMTP_URL without PUBLIC_URL: mail links would point at localhost', () => {
    assert.throws(() => loadConfig({ SMTP_URL: 'smtp://mail.example:587' }), /PUBLIC_URL: is required when SMTP_URL is set/);
    // An empty PUBLIC_URL (a .env that lists every key) counts as unset.
    assert.throws(() => loadConfig({ SMTP_URL: 'smtp://mail.example:587', PUBLIC_URL: '' }), /PUBLIC_URL: is required when SMTP_URL is set/);
    assert.equal(loadConfig({ SMTP_URL: 'smtp://mail.example:587', PUBLIC_URL: 'https://comments.example.org' }).PUBLIC_URL, 'https://comments.example.org');
  });

  it('the service refuses to start with SMTP_URL and no PUBLIC_URL, saying why', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: '', DATABASE_URL: 'file:/nonexistent-dir/never-opened.db', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, /PUBLIC_URL: is required when SMTP_URL is set/);
  });

  it('OpenID Connect: issuer, client id and secret together, with PUBLIC_URL; https except on localhost; scopes with openid', () => {
    const oidc = { SECRET: 's'.repeat(32), PUBLIC_URL: 'https://comments.example.org', OIDC_ISSUER: 'https://login.example.org', OIDC_CLIENT_ID: 'majlis', OIDC_CLIENT_SECRET: 'c'.repeat(40) };
    const config = loadConfig(oidc);
    assert.equal(config.OIDC_SCOPES, 'openid profile email');
    assert.equal(config.OIDC_LABEL, undefined);
    assert.throws(() => loadConfig({ ...oidc, OIDC_CLIENT_SECRET: '' }), /OIDC_ISSUER: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together/);
    assert.throws(() => loadConfig({ ...oidc, PUBLIC_URL: '' }), /PUBLIC_URL: is required when OIDC_ISSUER is set/);
    assert.throws(() => loadConfig({ ...oidc, OIDC_ISSUER: 'http://login.example.org' }), /OIDC_ISSUER: must be an https URL/);
    assert.equal(loadConfig({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000' }).OIDC_ISSUER, 'http://127.0.0.1:4000');
    assert.throws(() => loadConfig({ ...oidc, OIDC_SCOPES: 'profile email' }), /OIDC_SCOPES: must include openid/);
    assert.equal(loadConfig({ ...oidc, OIDC_SCOPES: 'openid profile' }).OIDC_SCOPES, 'openid profile');
  });

  it('parses TRUST_PROXY and ALLOWED_ORIGINS', () => {
    const secret = { SECRET: 's'.repeat(32) };
    assert.equal(loadConfig({ ...secret, TRUST_PROXY: 'true' }).TRUST_PROXY, true);
    assert.equal(loadConfig({ ...secret, TRUST_PROXY: '2' }).TRUST_PROXY, 2);
    assert.deepEqual(loadConfig({ ...secret, TRUST_PROXY: '10.0.0.0/8, loopback' }).TRUST_PROXY, ['10.0.0.0/8', 'loopback']);
    assert.deepEqual(loadConfig({ ...secret, ALLOWED_ORIGINS: 'https://a.example, https://b.example/' }).ALLOWED_ORIGINS, ['https://a.example', 'https://b.example']);
  });

  it('warns at start about TRUST_PROXY=true (any client picks its own address), not about a hop count or addresses', () => {
    const secret = { SECRET: 's'.repeat(32) };
    assert.match(riskySettings(loadConfig({ ...secret, TRUST_PROXY: 'true' })).join(), /TRUST_PROXY is true: every X-Forwarded-For is believed/);
    for (const TRUST_PROXY of ['1', 'loopback', 'false']) assert.deepEqual(riskySettings(loadConfig({ ...secret, TRUST_PROXY })), [], TRUST_PROXY);
  });

  it('the README configuration table names every variable', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    assert.deepEqual(Object.keys(configSchema.shape).filter((key) => !readme.includes(`\`${key}\``)), []);
  });

  it('.env.example lists every variable the schema reads', () => {
    const listed = new Set(
      readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
        .map((line) => line.split('=')[0]),
    );
    const keys = Object.keys(configSchema.shape);
    assert.deepEqual(keys.filter((key) => !listed.has(key)), []);
    assert.deepEqual([...listed].filter((key) => !keys.includes(key as string)), []);
  });

  it('reads .env from a folder into the environment, where variables already set win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'majlis-dotenv-'));
    const keys = ['MAJLIS_DOTENV_FROM_FILE', 'MAJLIS_DOTENV_SET_BEFORE', 'MAJLIS_DOTENV_EMPTY'];
    try {
      assert.equal(loadEnvFile(dir), null, 'no file: nothing to read');
      writeFileSync(join(dir, '.env'), '# comment\nMAJLIS_DOTENV_FROM_FILE="from the file"\nMAJLIS_DOTENV_SET_BEFORE=from the file\nMAJLIS_DOTENV_EMPTY=\n');
      process.env.MAJLIS_DOTENV_SET_BEFORE = 'from the environment';
      assert.equal(loadEnvFile(dir), join(dir, '.env'));
      assert.equal(process.env.MAJLIS_DOTENV_FROM_FILE, 'from the file');
      assert.equal(process.env.MAJLIS_DOTENV_SET_BEFORE, 'from the environment');
      assert.equal(process.env.MAJLIS_DOTENV_EMPTY, '');
    } finally {
      for (const key of keys) delete process.env[key];
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives tools DATABASE_URL alone, with its default and its check', () => {
    assert.equal(loadDatabaseUrl({}), 'file:./data/majlis.db');
    assert.equal(loadDatabaseUrl({ DATABASE_URL: '', NODE_ENV: 'production' }), 'file:./data/majlis.db');
    assert.throws(() => loadDatabaseUrl({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL: expected file:/);
  });

  it('names the links printed at start after PUBLIC_URL, else the local address', () => {
    assert.equal(baseUrl({ HOST: '0.0.0.0', PUBLIC_URL: undefined }, 3000), 'http://localhost:3000');
    assert.equal(baseUrl({ HOST: '::', PUBLIC_URL: undefined }, 3000), 'http://localhost:3000');
    assert.equal(baseUrl({ HOST: '10.0.0.5', PUBLIC_URL: undefined }, 8080), 'http://10.0.0.5:8080');
    assert.equal(baseUrl({ HOST: 'fd00::5', PUBLIC_URL: undefined }, 8080), 'http://[fd00::5]:8080');
    assert.equal(baseUrl({ HOST: '0.0.0.0', PUBLIC_URL: 'https://comments.example.org/' }, 3000), 'https://comments.example.org');
  });
});
