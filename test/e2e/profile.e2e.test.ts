import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.ts';
import { type NcaLayerEmulator, startNcaLayerEmulator } from '../../src/dev/ncalayer-emulator.ts';
import type { Store, UserRecord } from '../../src/domain/store.ts';
import { createAccount, fastPasswords, testPki } from '../support/kilt/accounts.ts';
import { trustDirectoryOf } from '../support/kilt/files.ts';
import { type TestKilt, startTestKilt } from '../support/kilt/start-test-kilt.ts';
import { type TestPki, signCms } from '../support/pki/index.ts';
import { STEP_TIMEOUT_MS, type TestBrowser, chromiumPresent, launchChromium, saveScreenshot } from '../support/e2e/chromium.ts';

const PERSON = { email: 'aidar@example.kz', password: 'correct horse battery' };
const NEW_PASSWORD = 'Kilt new password 2026';
const POLL = { timeout: STEP_TIMEOUT_MS };

describe.skipIf(!chromiumPresent)('the cabinet\'s profile in a real browser: the address form and a password change signed in NCALayer', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let user: UserRecord;
  let emulator: NcaLayerEmulator;
  let kilt: TestKilt;
  let chromium: TestBrowser;
  let page: Page;
  const signed: string[] = [];
  const passwordPosts: string[] = [];

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    const key = pki.endEntities.individual;
    user = await createAccount(store, PERSON.email, key, PERSON.password);
    emulator = await startNcaLayerEmulator({
      keys: [{ label: 'ИСКАКОВ АЙДАР (GOST)', sign: (data, attached) => signCms(data, key, { detached: !attached }) }],
      onSign: (label) => signed.push(label),
    });
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki), KILT_NCALAYER_URL: emulator.url } });
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/account/profile/password') passwordPosts.push(request.url());
    });
  });
  afterAll(async () => {
    await chromium?.close();
    await kilt?.stop();
    await emulator?.close();
  });

  it('signs in to the cabinet and fills in the address', async () => {
    await page.goto(`${kilt.url}/account`);
    await page.getByLabel('E-mail').fill(PERSON.email);
    await page.getByLabel('Пароль').fill(PERSON.password);
    await page.getByRole('button', { name: 'Выбрать сертификат' }).click();
    await page.locator('#profile-data').waitFor();
    await saveScreenshot(page, 'cabinet-profile-empty');

    await page.locator('#address a.fill').click();
    await page.getByLabel('Область / город республиканского значения').selectOption('almaty-city');
    await page.getByLabel('Улица, проспект, микрорайон').fill('пр. Абая');
    await page.getByLabel('Дом').fill('10');
    await page.getByLabel('Почтовый индекс').fill('050000');
    await saveScreenshot(page, 'cabinet-profile-address');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => page.locator('p.notice').textContent(), POLL).toBe('Адрес сохранён.');
    expect(await page.locator('p.address').innerText()).toBe('пр. Абая, д. 10\nг. Алматы\n050000\nКазахстан');
  });

  it('checks the new passwords before NCALayer is asked, then signs the challenge and changes the password', async () => {
    signed.length = 0;
    await page.goto(`${kilt.url}/account/profile/password`);
    await page.getByLabel('Текущий пароль').fill(PERSON.password);
    await page.getByLabel('* Новый пароль', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Повторите новый пароль').fill(`${NEW_PASSWORD}!`);
    const button = page.getByRole('button', { name: 'Подписать и сменить пароль' });
    await button.click();
    await expect.poll(() => page.locator('#password-form .status').textContent(), POLL).toBe('Заполните все поля; новый пароль и его повтор должны совпадать.');
    expect(signed).toEqual([]);

    await page.getByLabel('Повторите новый пароль').fill(NEW_PASSWORD);
    await saveScreenshot(page, 'cabinet-profile-password');
    await button.click();
    await expect.poll(() => page.locator('p.notice').textContent(), POLL).toBe('Пароль изменён. Все другие сеансы завершены; этот сеанс продолжается.');
    expect(signed).toEqual(['ИСКАКОВ АЙДАР (GOST)']);
    expect(passwordPosts).toHaveLength(1);
    expect(await fastPasswords.verify((await store.users.findById(user.id))!.passwordHash, NEW_PASSWORD)).toBe(true);
  });
});
