import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Counter, Histogram, Registry } from 'prom-client';
import { HttpTallies } from '../../src/metrics/http-metrics.js';

/** Requests as (method, route, status, seconds); on and between bucket bounds, and above the last. */
const REQUESTS: Array<[string, string, number, number]> = [
  ['GET', '/api/v1/counts', 200, 0.0004],
  ['GET', '/api/v1/counts', 200, 0.001],
  ['GET', '/api/v1/counts', 304, 0.0031],
  ['POST', '/api/v1/threads/:threadKey/comments', 201, 0.07],
  ['POST', '/api/v1/threads/:threadKey/comments', 429, 5],
  ['GET', 'unmatched', 404, 7.5],
];

describe('HttpTallies', () => {
  it("serves exactly the text prom-client's own counter and histogram serve for the same requests", async () => {
    const theirs = new Registry();
    const counter = new Counter({
      name: 'majlis_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [theirs],
    });
    const histogram = new Histogram({
      name: 'majlis_http_request_duration_seconds',
      help: 'Time from receiving a request to finishing its response, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [theirs],
    });
    const ours = new Registry();
    const tallies = new HttpTallies();
    for (const metric of tallies.metrics()) ours.registerMetric(metric);
    for (const [method, route, status, seconds] of REQUESTS) {
      counter.inc({ method, route, status: String(status) });
      histogram.observe({ method, route }, seconds);
      tallies.record(method, route, status, seconds);
    }
    assert.equal(await ours.metrics(), await theirs.metrics());
  });

  it('starts from nothing again when the registry resets', async () => {
    const registry = new Registry();
    const tallies = new HttpTallies();
    for (const metric of tallies.metrics()) registry.registerMetric(metric);
    tallies.record('GET', '/api/v1/counts', 200, 0.002);
    assert.match(await registry.metrics(), /majlis_http_requests_total\{method="GET",route="\/api\/v1\/counts",status="200"\} 1/);
    registry.resetMetrics();
    assert.doesNotMatch(await registry.metrics(), /method=/);
  });
});
