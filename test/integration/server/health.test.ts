import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';

describe('/healthz and /readyz', () => {
  let kilt: TestKilt;
  beforeAll(async () => {
    kilt = await startTestKilt();
  });
  afterAll(() => kilt.stop());

  it('/healthz answers while the process is up', async () => {
    expect((await request(kilt.url).get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('/readyz reports the store, the keys and the trust store', async () => {
    const { body } = await request(kilt.url).get('/readyz').expect(200);
    expect(body).toEqual({
      status: 'ready',
      checks: {
        store: { ok: true, detail: 'memory' },
        keys: { ok: true, detail: 'revision 1' },
        trustStore: { ok: true, detail: 'none (test mode)' },
      },
    });
  });

  it('every response carries a request id, the caller\'s when it sends a sane one', async () => {
    const own = await request(kilt.url).get('/healthz');
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await request(kilt.url).get('/healthz').set('X-Request-Id', 'lb-42')).headers['x-request-id']).toBe('lb-42');
    expect((await request(kilt.url).get('/healthz').set('X-Request-Id', 'bad id\u00ff')).headers['x-request-id']).not.toBe('bad id\u00ff');
  });
});

describe('/readyz when the store is unreachable', () => {
  it('answers 503 and says which check failed', async () => {
    const store = { ...createMemoryStore(), ping: async () => Promise.reject(new Error('connection refused')) };
    const kilt = await startTestKilt({ store });
    try {
      const { body } = await request(kilt.url).get('/readyz').expect(503);
      expect(body).toMatchObject({ status: 'not_ready', checks: { store: { ok: false, detail: 'connection refused' }, keys: { ok: true } } });
    } finally {
      await kilt.stop();
    }
  });
});

describe('graceful shutdown', () => {
  it('answers the requests in flight, then stops taking connections', async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const kilt = await startTestKilt({
      routes: () => [
        async (ctx, next) => {
          if (ctx.path !== '/slow') return next();
          entered();
          await new Promise((resolve) => setTimeout(resolve, 300));
          ctx.body = 'done';
        },
      ],
    });
    const slow = request(kilt.url).get('/slow').then((response) => response);
    await inside;
    const stopped = kilt.stop();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(response.text).toBe('done');
    expect(response.headers['connection']).toBe('close');
    await stopped;
    await expect(request(kilt.url).get('/healthz')).rejects.toThrow(/ECONNREFUSED/);
  });
});
