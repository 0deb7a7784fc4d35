import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DevelopmentKilt, startDevelopmentKilt } from '../support/kilt/start-development-kilt.ts';
import { SECOND_ORGANIZATION_SIGNER, SECOND_TEST_ORGANIZATION, TEST_PEOPLE, type TestPerson } from '../support/pki/index.ts';
import { type TestBrowser, chromiumPresent, launchChromium, saveScreenshot } from '../support/e2e/chromium.ts';

const PASSWORD = 'Registration 2026';
const fullName = (person: TestPerson) => `${person.surname} ${person.name} ${person.patronymic}`;

/**
 * A newcomer on `npm start` with no configuration: picks a key of the NCALayer emulator on /dev/ncalayer, registers
 * at /register (the page's script asks the emulator over WebSocket), confirms by the letter on /dev/outbox and signs
 * in at the demo portal. Each test has a development instance of its own, as the settings differ.
 */
describe.skipIf(!chromiumPresent)('registration in a real browser on the development instance', () => {
  let chromium: TestBrowser | undefined;
  let kilt: DevelopmentKilt | undefined;
  let page: Page;

  // A browser per test, closed before its Kilt stops: Chromium keeps preconnected sockets that never carry a request,
  // which Node does not count as idle, so a graceful stop would wait them out (KILT_SHUTDOWN_TIMEOUT_SECONDS).
  beforeEach(async () => {
    chromium = await launchChromium();
    page = await chromium.context.newPage();
  });
  afterEach(async () => {
    await chromium?.close();
    await kilt?.stop();
    chromium = undefined;
    kilt = undefined;
  });

  /** Steps 1–3 in the browser with the key the emulator holds now; ends on «Проверьте почту». */
  async function registerUpToTheLetter(kiltUrl: string, person: TestPerson, email: string, agreement: (page: Page) => Promise<void>, shots?: string) {
    await page.goto(`${kiltUrl}/register`);
    if (shots) await saveScreenshot(page, `${shots}-2-certificate`);
    await page.getByRole('button', { name: 'Выбрать сертификат' }).click();

    const contacts = page.locator('form#register-contacts-form');
    await contacts.waitFor();
    expect(await page.locator('dl.person').textContent()).toContain(person.iin);
    await contacts.getByLabel('E-mail').fill(email);
    await contacts.getByLabel('* Пароль', { exact: true }).fill(PASSWORD);
    await contacts.getByLabel('* Подтверждение пароля').fill(PASSWORD);
    await contacts.getByLabel('Я даю согласие на сбор, обработку и хранение персональных данных').check();
    if (shots) await saveScreenshot(page, `${shots}-3-contacts`);
    await contacts.getByRole('button', { name: 'Далее' }).click();

    await page.locator('form#register-agreement-form').waitFor();
    if (shots) await saveScreenshot(page, `${shots}-4-agreement`);
    await agreement(page);

    await page.getByRole('heading', { name: 'Проверьте почту' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(email);
    if (shots) await saveScreenshot(page, `${shots}-5-check-mail`);
  }

  it('registers a newcomer with the key chosen on /dev/ncalayer, confirms by the letter on /dev/outbox, signs in at /demo', async () => {
    kilt = await startDevelopmentKilt();
    const newcomer = TEST_PEOPLE.individual;
    const email = 'aidar@example.kz';

    await page.goto(`${kilt.url}/dev/ncalayer`);
    await page.getByLabel(fullName(newcomer)).check();
    await page.getByRole('button', { name: 'Выбрать ключ' }).click();
    await page.getByText(`Сейчас подписывает: ${fullName(newcomer)}`).waitFor();
    await saveScreenshot(page, 'registration-1-keys');

    await registerUpToTheLetter(kilt.url, newcomer, email, (at) => at.getByRole('button', { name: 'Я принимаю условия Соглашения' }).click(), 'registration');

    await page.goto(`${kilt.url}/dev/outbox`);
    const letter = page.locator('article.outbox-letter', { hasText: email });
    await saveScreenshot(page, 'registration-6-outbox');
    await letter.locator('pre a[href*="/register/confirm/"]').click();
    await page.getByRole('heading', { name: 'Регистрация успешно завершена' }).waitFor();
    await saveScreenshot(page, 'registration-7-confirmed');

    await page.goto(`${kilt.url}/demo`);
    await page.getByRole('button', { name: 'Войти через Kilt' }).click();
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Пароль').fill(PASSWORD);
    await saveScreenshot(page, 'registration-8-login');
    await page.getByRole('button', { name: 'Выбрать сертификат' }).click();

    await page.getByRole('heading', { name: 'Вы вошли' }).waitFor();
    await saveScreenshot(page, 'registration-9-demo');
    const [idToken, userinfo] = await page.locator('pre').allTextContents();
    const claims = { ...JSON.parse(idToken!), ...JSON.parse(userinfo!) };
    expect(claims).toMatchObject({ iin: newcomer.iin, email, family_name: newcomer.surname, organization: { type: 'individual' } });
    expect(claims.name).toContain(newcomer.name);
  });

  it('signs the agreement through the emulator when the deployment requires it, and keeps the CMS as evidence', async () => {
    kilt = await startDevelopmentKilt({ KILT_AGREEMENT_SIGNATURE: 'required' });
    const signer = SECOND_ORGANIZATION_SIGNER;
    const email = 'e.kasymov@example.kz';
    // What a script would do: the JSON side of /dev/ncalayer.
    const chosen = await fetch(`${kilt.url}/dev/ncalayer.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ iin: signer.iin }) });
    expect(chosen.status).toBe(200);
    expect(await chosen.json()).toMatchObject({ keys: expect.arrayContaining([expect.objectContaining({ iin: signer.iin, current: true, account: null })]) });

    await registerUpToTheLetter(kilt.url, signer, email, async (at) => {
      await saveScreenshot(at, 'registration-signed-agreement');
      await at.getByRole('button', { name: 'Подписать и принять' }).click();
    });

    const outbox = (await (await fetch(`${kilt.url}/dev/outbox.json`)).json()) as { to: string; links: string[] }[];
    const link = outbox.find((entry) => entry.to === email)?.links.find((href) => href.includes('/register/confirm/'));
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Регистрация успешно завершена' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(SECOND_TEST_ORGANIZATION.bin);

    const user = await kilt.store.users.findByEmail(email);
    const [acceptance] = await kilt.store.agreements.history(user!.id);
    expect(acceptance).toMatchObject({ version: 1, method: 'signature' });
    // Attached CMS with the signer's certificate, whose subject names the IIN.
    expect(Buffer.from(acceptance!.evidence!, 'base64').includes(`IIN${signer.iin}`)).toBe(true);
    expect(await kilt.store.organizations.findByBin(SECOND_TEST_ORGANIZATION.bin)).toMatchObject({ name: SECOND_TEST_ORGANIZATION.name });
  });
});
