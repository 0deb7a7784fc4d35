import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Store, UserRecord } from '../../../src/domain/store.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { type Browser, browser } from '../../support/kilt/browser.ts';
import { signInToCabinet } from '../../support/kilt/cabinet.ts';
import { trustDirectoryOf } from '../../support/kilt/files.ts';
import { submitLogin } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import type { TestEndEntity, TestPki } from '../../support/pki/index.ts';

const PASSWORD = 'correct horse battery';

interface Row {
  readonly description: string;
  readonly ip: string;
  readonly serial: string;
}

/** The rows of «Журнал событий», newest first. */
function journalRows(html: string): Row[] {
  return [...html.matchAll(/<tr class="event[^"]*">.*?<td class="description">([^<]*)<\/td><td class="ip">([^<]*)<\/td><td class="serial">([^<]*)<\/td><\/tr>/gs)]
    .map((match) => ({ description: match[1]!, ip: match[2]!, serial: match[3]! }));
}

/** «Журнал»: the person's own audit events, with the address and the certificate of each sign-in. */
describe('personal cabinet: own audit log', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;
  let aidar: UserRecord;

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    aidar = await createAccount(store, 'aidar@example.kz', pki.endEntities.individual, PASSWORD);
    await createAccount(store, 'dinara@example.kz', pki.endEntities.firstHead, PASSWORD);
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki) } });
  });
  afterAll(() => kilt.stop());

  /** One refused attempt at the cabinet's sign-in screen. */
  async function failSignIn(email: string, password: string, key: TestEndEntity) {
    const agent = browser(kilt.url);
    const authorization = (await agent.get('/account/login')).headers['location']!;
    const screen = await agent.get((await agent.get(authorization)).headers['location']!);
    expect((await submitLogin(agent, screen.text, { email, password, key })).status).toBe(400);
  }

  async function journal(agent: Browser) {
    const page = await agent.get('/account/journal');
    expect(page.status).toBe(200);
    return journalRows(page.text);
  }

  it('lists failed and successful sign-ins, newest first, with the IP and the certificate serial', async () => {
    await failSignIn('aidar@example.kz', 'wrong password', pki.endEntities.individual);
    await failSignIn('aidar@example.kz', PASSWORD, pki.endEntities.employee);
    const agent = browser(kilt.url);
    await signInToCabinet(agent, kilt.url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual });

    const rows = await journal(agent);
    const ip = (await store.audit.listByUser(aidar.id, 1))[0]!.ip!;
    expect(ip).toMatch(/127\.0\.0\.1/);
    expect(rows).toEqual([
      { description: 'Вход в систему', ip, serial: pki.endEntities.individual.serialHex },
      { description: 'Неудачная попытка входа: ключ ЭЦП другого человека', ip, serial: pki.endEntities.employee.serialHex },
      { description: 'Неудачная попытка входа: неверный пароль', ip, serial: '—' },
    ]);
  });

  it("shows nothing of another person's, and speaks the person's language", async () => {
    await failSignIn('dinara@example.kz', 'wrong password', pki.endEntities.firstHead);
    const dinara = browser(kilt.url);
    await signInToCabinet(dinara, kilt.url, { email: 'dinara@example.kz', password: PASSWORD, key: pki.endEntities.firstHead });
    const agent = browser(kilt.url);
    await signInToCabinet(agent, kilt.url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual });

    const page = (await agent.get('/account/journal')).text;
    expect(page).not.toContain(pki.endEntities.firstHead.serialHex);
    expect(journalRows(page).filter((row) => row.description.startsWith('Неудачная'))).toHaveLength(2);
    const dinaraRows = await journal(dinara);
    expect(dinaraRows.map((row) => row.description)).toEqual(['Вход в систему', 'Неудачная попытка входа: неверный пароль']);

    const english = await agent.get('/account/journal').set('accept-language', 'en');
    expect(journalRows(english.text)[0]!.description).toBe('Signed in');
    const kazakh = await agent.get('/account/journal').set('accept-language', 'kk');
    expect(journalRows(kazakh.text).map((row) => row.description)).toContain('Сәтсіз кіру әрекеті: құпиясөз қате');
  });

  it('shows the ending of sessions from the cabinet', async () => {
    const agent = browser(kilt.url);
    await signInToCabinet(agent, kilt.url, { email: 'dinara@example.kz', password: PASSWORD, key: pki.endEntities.firstHead });
    const csrf = /name="csrf" value="([^"]+)"/.exec((await agent.get('/account/journal')).text)![1]!;
    await agent.post('/account/sessions/end-all').type('form').send({ csrf });
    const again = browser(kilt.url);
    await signInToCabinet(again, kilt.url, { email: 'dinara@example.kz', password: PASSWORD, key: pki.endEntities.firstHead });
    expect((await journal(again)).map((row) => row.description).slice(0, 2)).toEqual(['Вход в систему', 'Выход на всех устройствах']);
  });
});
