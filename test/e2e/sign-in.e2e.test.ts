import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.ts';
import { type NcaLayerEmulator, startNcaLayerEmulator } from '../../src/dev/ncalayer-emulator.ts';
import type { Store } from '../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../src/provider/client-registration.ts';
import { createAccount, testPki } from '../support/kilt/accounts.ts';
import { trustDirectoryOf } from '../support/kilt/files.ts';
import { decodeJws } from '../support/kilt/jws.ts';
import { type TestKilt, startTestKilt } from '../support/kilt/start-test-kilt.ts';
import { type TestEndEntity, type TestPki, signCms } from '../support/pki/index.ts';
import { STEP_TIMEOUT_MS, type TestBrowser, chromiumPresent, launchChromium, saveScreenshot } from '../support/e2e/chromium.ts';
import { codeFlow, redirectedBack, serveRedirectUri } from '../support/e2e/relying-party.ts';

const PORTAL = { clientId: 'keden', redirectUri: 'http://keden.kilt.test/callback' };
const POLL = { timeout: STEP_TIMEOUT_MS };
const HEAD = { email: 'dinara@example.kz', password: 'correct horse battery' };

/** NCALayer on the person's machine, holding the company head's GOST-2015 key. */
function emulatorOf(key: TestEndEntity, signed: string[], port?: number): Promise<NcaLayerEmulator> {
  return startNcaLayerEmulator({
    ...(port ? { port } : {}),
    keys: [{ label: `${key.person!.surname} ${key.person!.name} (GOST)`, sign: (data, attached) => signCms(data, key, { detached: !attached }) }],
    onSign: (label) => signed.push(label),
  });
}

describe.skipIf(!chromiumPresent)('sign-in in a real browser: NCALayer over WebSocket, agreement, profile, back at the client', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let emulator: NcaLayerEmulator;
  let kilt: TestKilt;
  let chromium: TestBrowser;
  let page: Page;
  const signed: string[] = [];
  const loginPosts: string[] = [];

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    const head = pki.endEntities.firstHead;
    const account = await createAccount(store, HEAD.email, head, HEAD.password);
    await store.organizations.upsert({ bin: head.organization!.bin, name: head.organization!.name });
    await store.participants.add({ organizationBin: head.organization!.bin, iin: account.iin, role: 'head', status: 'registered' });
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], public: true, firstParty: true })));
    await store.agreements.publish({ ru: 'Соглашение о правах использования Kilt (тестовая редакция).\n\n1. Пользователь подписывает вход своим ключом ЭЦП.', kk: 'Келісім (тест).', en: 'Agreement (test).' }, new Date());
    emulator = await emulatorOf(head, signed);
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki), KILT_NCALAYER_URL: emulator.url } });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await kilt?.stop();
    await emulator?.close();
  });

  beforeEach(async () => {
    // Each test starts signed out: a Kilt session cookie would skip the login screen.
    await chromium.context.clearCookies();
    page = await chromium.context.newPage();
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/interaction\/[^/]+\/login$/.test(new URL(request.url()).pathname)) loginPosts.push(request.url());
    });
    await serveRedirectUri(page, PORTAL.redirectUri);
    loginPosts.length = 0;
    signed.length = 0;
    emulator.behaviour = 'sign';
  });
  afterEach(() => page.close());

  /** The relying party sends the person to Kilt; the login form is filled in and «Выбрать сертификат» pressed. */
  async function startSignIn(screenshot?: string) {
    const flow = await codeFlow(kilt.url, PORTAL);
    await page.goto(flow.url.href);
    await page.getByLabel('E-mail').fill(HEAD.email);
    await page.getByLabel('Пароль').fill(HEAD.password);
    if (screenshot) await saveScreenshot(page, screenshot);
    await page.getByRole('button', { name: 'Выбрать сертификат' }).click();
    return flow;
  }

  it('signs the company head in as the company: the client gets her IIN, the BIN and her roles', async () => {
    const flow = await startSignIn('login');

    await page.locator('form#agreement-form').waitFor();
    expect(signed).toEqual(['СЕЙТКАЛИЕВА ДИНАРА (GOST)']);
    await saveScreenshot(page, 'agreement');
    await page.getByRole('button', { name: 'Я принимаю условия Соглашения' }).click();

    const bin = pki.endEntities.firstHead.organization!.bin;
    await page.locator('form#profile-form').waitFor();
    await saveScreenshot(page, 'profile');
    await page.getByText(`БИН ${bin}`).click();
    await page.getByRole('button', { name: 'Продолжить' }).click();

    const callback = await redirectedBack(page, PORTAL.redirectUri);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const claims = decodeJws((await flow.redeem(callback)).id_token!).payload;
    expect(claims).toMatchObject({
      iin: pki.endEntities.firstHead.person!.iin,
      amr: ['pwd', 'eds'],
      organization: { type: 'legal_entity', bin, name: pki.endEntities.firstHead.organization!.name, roles: ['head', 'first_head'] },
    });
    expect(loginPosts).toHaveLength(1);
  });

  it('says so when the dialog in NCALayer is cancelled, and posts nothing', async () => {
    emulator.behaviour = 'cancel';
    await startSignIn();
    await expect.poll(() => page.locator('#login-form .status').textContent(), POLL).toMatch(/^Подписание отменено/);
    expect(await page.getByRole('button', { name: 'Выбрать сертификат' }).isEnabled()).toBe(true);
    expect(loginPosts).toEqual([]);
  });

  it('says so when NCALayer is not running, and posts nothing', async () => {
    const port = Number(new URL(emulator.url).port);
    await emulator.close();
    try {
      await startSignIn();
      await expect.poll(() => page.locator('#login-form .status').textContent(), POLL).toMatch(/^Не удалось подключиться к NCALayer/);
      expect(await page.getByRole('button', { name: 'Выбрать сертификат' }).isEnabled()).toBe(true);
      expect(loginPosts).toEqual([]);
      expect(signed).toEqual([]);
    } finally {
      emulator = await emulatorOf(pki.endEntities.firstHead, signed, port);
    }
  });
});
