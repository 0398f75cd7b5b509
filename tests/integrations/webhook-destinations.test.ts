import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { postComment } from '../factories.js';
import { mayConnectTo } from '../../src/webhooks/webhook.destination.js';
import { networkList } from '../../src/shared/networks.js';
import { startReceiver, workerFor } from './helpers.js';

// No WEBHOOK_ALLOWED_NETWORKS: this installation's hooks may reach public addresses only.
let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signIn>>;
let internal: Awaited<ReturnType<typeof startReceiver>>;
before(async () => {
  ctx = await createTestContext({ OUTBOX_MAX_ATTEMPTS: '3' });
  admin = await signIn(ctx, 'admin');
  internal = await startReceiver();
});
after(async () => {
  await internal.close();
  await ctx.close();
});

const register = (url: string) =>
  ctx.request.post('/api/v1/moderation/webhooks').set('Authorization', admin.auth).send({ url, events: ['comment.created'] });

describe('webhooks cannot reach inside', () => {
  it('refuses to register loopback, link-local and private destinations in every spelling', async () => {
    const port = new URL(internal.url).port;
    const spellings = [
      `http://127.0.0.1:${port}/hook`,
      `http://2130706433:${port}/hook`, // decimal
      `http://0x7f000001:${port}/hook`, // hex
      `http://0x7f.0.0.1:${port}/hook`,
      `http://0177.0.0.1:${port}/hook`, // octal
      `http://127.1:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`, // IPv4-mapped
      `http://[::ffff:7f00:1]:${port}/hook`,
      `http://localhost:${port}/hook`, // a name that resolves to loopback
      'http://169.254.169.254/latest/meta-data/', // cloud metadata
      'http://10.1.2.3/', 'http://172.16.0.1/', 'http://192.168.1.1/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://0.0.0.0/',
    ];
    for (const url of spellings) {
      const res = await register(url);
      assert.equal(res.status, 422, url);
      assert.deepEqual(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['url', 'not_public']], url);
    }
    assert.equal(await ctx.db.webhook.count(), 0);
    assert.equal(internal.received.length, 0);
  });

  it('checks again at delivery, after DNS resolution, and logs the refusal without anything from inside', async () => {
    // A hook stored before the check existed (or a name whose DNS answer changed since it was registered).
    const port = new URL(internal.url).port;
    await ctx.db.webhook.create({ data: { url: `http://localhost:${port}/hook`, events: ['comment.created'], secret: 'whsec_test', createdAt: ctx.clock.now() } });
    await ctx.db.webhook.create({ data: { url: `http://2130706433:${port}/hook`, events: ['comment.created'], secret: 'whsec_test', createdAt: ctx.clock.now() } });
    await postComment(ctx, 'inside');
    await workerFor(ctx).runOnce();
    assert.equal(internal.received.length, 0, 'nothing reached the internal service');
    const deliveries = await ctx.db.webhookDelivery.findMany();
    assert.equal(deliveries.length, 2);
    for (const delivery of deliveries) {
      assert.equal(delivery.status, 'failed', 'abandoned at once, not retried');
      assert.equal(delivery.lastStatusCode, null);
      assert.equal(delivery.lastError, 'refused: the destination is not a public address (see WEBHOOK_ALLOWED_NETWORKS)');
    }
  });

  it('never follows a redirect, and records a failure as a status code, not the answer', async () => {
    // An allow-listed intranet receiver that redirects elsewhere inside, and one that leaks in its error page.
    const allowed = await createTestContext({ WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32' });
    let redirected = 0;
    const target: Server = createServer((_req, res) => void ((redirected += 1), res.end('internal')));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetPort = (target.address() as AddressInfo).port;
    const redirector = await startReceiver(() => 307);
    const leaky: Server = createServer((_req, res) => res.writeHead(500).end('db password: hunter2'));
    await new Promise<void>((resolve) => leaky.listen(0, '127.0.0.1', resolve));
    try {
      const adminHere = await signIn(allowed, 'admin');
      const leakyUrl = `http://127.0.0.1:${(leaky.address() as AddressInfo).port}/hook`;
      for (const url of [redirector.url, leakyUrl]) {
        const res = await allowed.request.post('/api/v1/moderation/webhooks').set('Authorization', adminHere.auth).send({ url, events: ['comment.created'] });
        assert.equal(res.status, 201);
      }
      await postComment(allowed, 'redirects');
      await workerFor(allowed).runOnce();
      const deliveries = await allowed.db.webhookDelivery.findMany({ orderBy: { id: 'asc' } });
      assert.deepEqual(deliveries.map((d) => [d.lastStatusCode, d.lastError]), [[307, 'HTTP 307 (redirects are not followed)'], [500, 'HTTP 500']]);
      assert.equal(redirected, 0);
      assert.equal(targetPort > 0, true);
    } finally {
      await redirector.close();
      await new Promise((resolve) => target.close(resolve));
      await new Promise((resolve) => leaky.close(resolve));
      await allowed.close();
    }
  });

  it('lets public addresses through and honours the allow-list by network', () => {
    const none = networkList([]);
    assert.equal(mayConnectTo('93.184.215.14', none), true);
    assert.equal(mayConnectTo('2606:2800:21f:cb07:6820:80da:af6b:8b2c', none), true);
    for (const address of ['127.0.0.1', '10.0.0.1', '100.64.0.1', '169.254.169.254', '::1', '::ffff:127.0.0.1', '::ffff:8.8.8.8', '64:ff9b::7f00:1', 'fc00::1', 'ff02::1']) {
      assert.equal(mayConnectTo(address, none), false, address);
    }
    const intranet = networkList(['10.20.0.0/16', 'fd00::/8']);
    assert.equal(mayConnectTo('10.20.5.5', intranet), true);
    assert.equal(mayConnectTo('10.21.5.5', intranet), false);
    assert.equal(mayConnectTo('fd12::1', intranet), true);
  });
});
