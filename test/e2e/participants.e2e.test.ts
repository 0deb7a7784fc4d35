import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.ts';
import { type NcaLayerEmulator, startNcaLayerEmulator } from '../../src/dev/ncalayer-emulator.ts';
import type { Store } from '../../src/domain/store.ts';
import { createAccount, testPki } from '../support/kilt/accounts.ts';
import { browser } from '../support/kilt/browser.ts';
import { signInToCabinet } from '../support/kilt/cabinet.ts';
import { trustDirectoryOf } from '../support/kilt/files.ts';
import { type TestKilt, startTestKilt } from '../support/kilt/start-test-kilt.ts';
import { TEST_ORGANIZATION, TEST_PEOPLE, type TestPki, makeIin, signCms } from '../support/pki/index.ts';
import { STEP_TIMEOUT_MS, type TestBrowser, chromiumPresent, launchChromium, saveScreenshot } from '../support/e2e/chromium.ts';

const POLL = { timeout: STEP_TIMEOUT_MS };
const HEAD = { email: 'dinara@example.kz', password: 'correct horse battery' };
const EMPLOYEE = { email: 'zhanar@example.kz', password: 'correct horse battery' };
const BIN = TEST_ORGANIZATION.bin;
/** Keden's example: an IIN added by mistake, then corrected to the employee's. */
const MISTYPED = makeIin('1986-07-20', 'female', 124);
const SECOND = makeIin('1983-07-10', 'female', 4012);

describe.skipIf(!chromiumPresent)('«Участники ЮЛ» in a real browser: the company head manages the participants', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let emulator: NcaLayerEmulator;
  let kilt: TestKilt;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    const head = pki.endEntities.firstHead;
    const account = await createAccount(store, HEAD.email, head, HEAD.password);
    await createAccount(store, EMPLOYEE.email, pki.endEntities.employee, EMPLOYEE.password);
    await store.organizations.upsert(TEST_ORGANIZATION);
    await store.participants.add({ organizationBin: BIN, iin: account.iin, role: 'head', status: 'registered' });
    emulator = await startNcaLayerEmulator({
      keys: [{ label: 'СЕЙТКАЛИЕВА ДИНАРА (GOST)', sign: (data, attached) => signCms(data, head, { detached: !attached }) }],
    });
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki), KILT_NCALAYER_URL: emulator.url } });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await kilt?.stop();
    await emulator?.close();
  });

  beforeEach(async () => {
    await chromium.context.clearCookies();
    page = await chromium.context.newPage();
  });
  afterEach(() => page.close());

  /** /account → Kilt's sign-in with the head's key in NCALayer → the company profile → «Участники ЮЛ». */
  async function openParticipants(): Promise<void> {
    await page.goto(`${kilt.url}/account/login`);
    await page.getByLabel('E-mail').fill(HEAD.email);
    await page.getByLabel('Пароль').fill(HEAD.password);
    await page.getByRole('button', { name: 'Выбрать сертификат' }).click();
    await page.getByText(`БИН ${BIN}`).click();
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.locator('#certificate-data').waitFor();
    await page.locator('nav.tabs').getByRole('link', { name: 'Участники ЮЛ' }).click();
    await page.locator('table#participants').waitFor();
  }

  const rowOf = (iin: string): Locator => page.locator(`table#participants tr[data-iin="${iin}"]`);
  const statusOf = (iin: string) => rowOf(iin).getAttribute('data-status');
  const table = () => page.locator('table#participants tbody tr').evaluateAll((rows) =>
    rows.map((row) => [row.getAttribute('data-iin'), row.getAttribute('data-role'), row.getAttribute('data-status')]));

  async function add(iin: string, role: string): Promise<void> {
    await page.locator('#participant-add summary').click();
    const form = page.locator('form#participant-add-form');
    await form.getByLabel('ИИН сотрудника').fill(iin);
    await form.getByLabel('Роль сотрудника').selectOption({ label: role });
    await form.getByRole('button', { name: 'Добавить' }).click();
  }

  /** «Исключить» or «Восстановить» in the row, answered in the page's dialog. */
  async function confirmInDialog(iin: string, action: 'Исключить' | 'Восстановить', screenshot: string): Promise<void> {
    await rowOf(iin).getByRole('button', { name: action }).click();
    const dialog = page.locator('dialog#participant-confirm');
    await expect.poll(() => dialog.isVisible(), POLL).toBe(true);
    expect(await dialog.locator('p').textContent()).toBe(`${action} участника с ИИН ${iin}?`);
    await saveScreenshot(page, screenshot);
    await dialog.getByRole('button', { name: action }).click();
    await page.waitForURL(action === 'Исключить' ? /done=excluded/ : /done=restored/);
  }

  it('adds, corrects, excludes and restores through the dialogs; the employee\'s sign-in registers them', async () => {
    const employee = TEST_PEOPLE.employee.iin;
    const head = TEST_PEOPLE.firstHead.iin;
    await openParticipants();
    expect(await table()).toEqual([[head, 'head', 'registered']]);
    expect(await page.locator('#participants-count').textContent()).toBe('1 из 1 шт.');
    await saveScreenshot(page, 'participants-1-table');

    await add('12345', 'Декларант');
    expect(await page.locator('#participant-add-form .error').textContent()).toMatch(/^Введите корректный ИИН сотрудника/);
    expect(await page.locator('#participant-add-form').getByLabel('ИИН сотрудника').inputValue()).toBe('12345');
    await saveScreenshot(page, 'participants-2-bad-iin');
    await page.locator('#participant-add-form').getByLabel('ИИН сотрудника').fill(MISTYPED);
    await page.locator('#participant-add-form').getByRole('button', { name: 'Добавить' }).click();
    await page.waitForURL(/done=added/);
    expect(await page.locator('p.notice').textContent()).toBe(`Участник с ИИН ${MISTYPED} добавлен.`);
    expect(await table()).toEqual([[MISTYPED, 'declarant', 'added'], [head, 'head', 'registered']]);
    await saveScreenshot(page, 'participants-3-added');

    await rowOf(MISTYPED).locator('summary').click();
    const edit = rowOf(MISTYPED).locator('form.participant-edit');
    await edit.getByLabel('ИИН сотрудника').fill(employee);
    await edit.getByLabel('Роль сотрудника').selectOption({ label: 'Бухгалтер' });
    await saveScreenshot(page, 'participants-4-edit');
    await edit.getByRole('button', { name: 'Изменить' }).click();
    await page.waitForURL(/done=edited/);
    expect(await table()).toEqual([[employee, 'accountant', 'added'], [head, 'head', 'registered']]);

    // «Отмена» in the dialog changes nothing.
    await rowOf(employee).getByRole('button', { name: 'Исключить' }).click();
    await page.locator('dialog#participant-confirm').getByRole('button', { name: 'Отмена' }).click();
    await expect.poll(() => page.locator('dialog#participant-confirm').isVisible(), POLL).toBe(false);
    expect(await statusOf(employee)).toBe('added');

    await confirmInDialog(employee, 'Исключить', 'participants-5-exclude-dialog');
    expect(await table()).toEqual([[employee, 'accountant', 'excluded'], [head, 'head', 'registered']]);
    await saveScreenshot(page, 'participants-6-excluded');

    await confirmInDialog(employee, 'Восстановить', 'participants-7-restore-dialog');
    expect(await table()).toEqual([[employee, 'accountant', 'restored'], [head, 'head', 'registered']]);
    await saveScreenshot(page, 'participants-8-restored');

    await signInToCabinet(browser(kilt.url), kilt.url, { ...EMPLOYEE, key: pki.endEntities.employee, profile: BIN });
    await page.reload();
    expect(await table()).toEqual([[employee, 'accountant', 'registered'], [head, 'head', 'registered']]);
    await saveScreenshot(page, 'participants-9-registered');

    await page.locator('#participants-history-tab').click();
    await page.locator('table#participants-history').waitFor();
    expect(await page.locator('table#participants-history tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-type')))).toEqual([
      'participant.registered', 'participant.restored', 'participant.excluded', 'participant.edited', 'participant.added',
    ]);
    await saveScreenshot(page, 'participants-10-history');
  });

  it('asks in the row instead when the page\'s script does not run', async () => {
    await page.route('**/static/js/participants-page.js', (route) => route.abort());
    await openParticipants();
    await add(SECOND, 'Декларант');
    await page.waitForURL(/done=added/);

    await rowOf(SECOND).getByRole('button', { name: 'Исключить' }).click();
    const question = rowOf(SECOND).locator('.confirm');
    await question.waitFor();
    expect(await question.locator('span').textContent()).toBe(`Исключить участника с ИИН ${SECOND}?`);
    expect(await statusOf(SECOND)).toBe('added');
    await saveScreenshot(page, 'participants-11-exclude-without-script');
    await question.getByRole('button', { name: 'Исключить' }).click();
    await page.waitForURL(/done=excluded/);
    expect(await statusOf(SECOND)).toBe('excluded');
  });
});
