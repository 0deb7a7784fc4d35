import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { testPki } from '../../support/kilt/accounts.ts';
import { temporaryDirectory, trustDirectoryOf } from '../../support/kilt/files.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import type { TestPki } from '../../support/pki/index.ts';

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

describe('/readyz and the configured CRLs', () => {
  const DAY = 86_400_000;
  let pki: TestPki;
  let trustDir: string;
  beforeAll(async () => {
    pki = await testPki();
    trustDir = trustDirectoryOf(pki);
  });

  /** A Kilt on KILT_CRL_FILES holding these CRLs (DER), revocation by its default for CRL files (crl) unless given. */
  async function kiltWithCrls(crls: readonly Uint8Array[], env: Record<string, string> = {}) {
    const directory = temporaryDirectory('crls');
    const files = crls.map((der, index) => {
      const path = join(directory, `${index}.crl`);
      writeFileSync(path, der);
      return path;
    });
    return startTestKilt({ env: { KILT_TRUST_DIR: trustDir, KILT_CRL_FILES: files.join(','), ...env } });
  }

  const stale = () => pki.crl({ thisUpdate: new Date(Date.now() - 200 * DAY), nextUpdate: new Date(Date.now() - DAY) });

  it('is ready while every CA with a configured CRL has a current one, and names them', async () => {
    const kilt = await kiltWithCrls([pki.crl(), pki.crl({ issuer: 'root' })]);
    try {
      const { body } = await request(kilt.url).get('/readyz').expect(200);
      expect(body.checks.crls).toEqual({ ok: true, detail: 'current for "KILT TEST CA (GOST)", "KILT TEST ROOT CA (GOST)"' });
    } finally {
      await kilt.stop();
    }
  });

  it('answers 503 naming the CA whose CRL is past its nextUpdate, and only that CA', async () => {
    const kilt = await kiltWithCrls([stale(), pki.crl({ issuer: 'root' })]);
    try {
      const { body } = await request(kilt.url).get('/readyz').expect(503);
      expect(body.status).toBe('not_ready');
      expect(body.checks).toMatchObject({ store: { ok: true }, keys: { ok: true }, trustStore: { ok: true } });
      expect(body.checks.crls).toEqual({ ok: false, detail: expect.stringMatching(/^no current CRL: "KILT TEST CA \(GOST\)" \(its CRL expired \d{4}-.+Z\)$/) });
    } finally {
      await kilt.stop();
    }
  });

  it('judges the newest CRL of a CA, whatever the order of the files', async () => {
    const kilt = await kiltWithCrls([pki.crl({ number: 2 }), stale()]);
    try {
      const { body } = await request(kilt.url).get('/readyz').expect(200);
      expect(body.checks.crls).toEqual({ ok: true, detail: 'current for "KILT TEST CA (GOST)"' });
    } finally {
      await kilt.stop();
    }
  });

  it('a CA holding only a delta CRL is not ready: a delta answers nothing without its full CRL', async () => {
    const kilt = await kiltWithCrls([pki.crl({ delta: true })]);
    try {
      const { body } = await request(kilt.url).get('/readyz').expect(503);
      expect(body.checks.crls).toEqual({ ok: false, detail: 'no current CRL: "KILT TEST CA (GOST)" (only a delta CRL)' });
    } finally {
      await kilt.stop();
    }
  });

  it('does not gate readiness on CRLs when revocation does not use them', async () => {
    const kilt = await kiltWithCrls([stale()], { KILT_REVOCATION: 'ocsp' });
    try {
      const { body } = await request(kilt.url).get('/readyz').expect(200);
      expect(body.checks).not.toHaveProperty('crls');
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

  it('does not wait for connections that never carried a request, as browsers keep open', async () => {
    const kilt = await startTestKilt();
    const url = new URL(kilt.url);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = performance.now();
    await kilt.stop();
    expect(performance.now() - started).toBeLessThan(2_000);
    socket.destroy();
  });
});
