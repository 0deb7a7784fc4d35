import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Store, UserRecord } from '../../../src/domain/store.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { type Browser, browser } from '../../support/kilt/browser.ts';
import { signInToCabinet } from '../../support/kilt/cabinet.ts';
import { trustDirectoryOf } from '../../support/kilt/files.ts';
import { csrfOf } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { TEST_ORGANIZATION, TEST_PEOPLE, type TestEndEntity, type TestPki, makeBin, makeIin } from '../../support/pki/index.ts';

const PASSWORD = 'correct horse battery';
const BIN = TEST_ORGANIZATION.bin;
const OTHER_COMPANY = { name: 'ТОО "САРЫАРКА ЛОГИСТИК"', bin: makeBin('2018-09', 7788) };
const OTHER_HEAD = { surname: 'БЕКОВ', name: 'САМАТ', patronymic: 'ЕРИКОВИЧ', iin: makeIin('1975-01-20', 'male', 4411), email: 's.bekov@example.kz' };
/** Keden's example rows: an IIN added by mistake, then corrected (../shared/seeds/000_*.txt). */
const MISTYPED = makeIin('1986-07-20', 'female', 124);
/** The check digit of a valid IIN, changed: KILT_PKI_MODE=production checks it. */
const WRONG_CHECK_DIGIT = `${MISTYPED.slice(0, 11)}${(Number(MISTYPED[11]) + 1) % 10}`;

interface Row {
  readonly id: string;
  readonly iin: string;
  readonly role: string;
  readonly status: string;
}

const rowsOf = (html: string): Row[] =>
  [...html.matchAll(/<tr data-id="([^"]+)" data-iin="([^"]+)" data-role="([^"]+)" data-status="([^"]+)"/g)]
    .map(([, id, iin, role, status]) => ({ id: id!, iin: iin!, role: role!, status: status! }));
/** What the table shows, without the ids. */
const tableOf = (html: string) => rowsOf(html).map(({ iin, role, status }) => ({ iin, role, status }));
const rowOf = (html: string, iin: string): Row => {
  const row = rowsOf(html).find((candidate) => candidate.iin === iin);
  if (!row) throw new Error(`no row ${iin} in ${JSON.stringify(tableOf(html))}`);
  return row;
};
/** «N из M шт.» */
const counterOf = (html: string) => /id="participants-count">([^<]*)</.exec(html)?.[1];
const alertsOf = (html: string) => [...html.matchAll(/<p class="error" role="alert">([^<]*)<\/p>/g)].map(([, text]) => text);
const unescape = (html: string) => html.replace(/&quot;/g, '"').replace(/&amp;/g, '&');

interface Admin {
  readonly agent: Browser;
  readonly csrf: string;
  table(query?: string): Promise<string>;
  post(path: string, fields: Record<string, string>): Promise<{ status: number; html: string; location: string | undefined }>;
}

async function cabinetOf(kilt: TestKilt, email: string, key: TestEndEntity, profile: string): Promise<Admin> {
  const agent = browser(kilt.url);
  const csrf = csrfOf(await signInToCabinet(agent, kilt.url, { email, password: PASSWORD, key, profile }));
  return {
    agent,
    csrf,
    async table(query = '') {
      const page = await agent.get(`/account/participants${query}`);
      expect(page.status).toBe(200);
      return page.text;
    },
    async post(path, fields) {
      const response = await agent.post(path).type('form').send({ csrf, ...fields });
      return { status: response.status, html: response.text, location: response.headers['location'] };
    },
  };
}

/** A change answered the way a browser follows it: 303 to the table's first page, with a notice of what was done. */
async function changed(admin: Admin, path: string, fields: Record<string, string>): Promise<string> {
  const answer = await admin.post(path, fields);
  expect(answer.status, alertsOf(answer.html).join(' ')).toBe(303);
  return admin.table(answer.location!.replace('/account/participants', ''));
}

describe('«Участники ЮЛ»: the lifecycle of Keden\'s manual', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;
  let head: UserRecord;
  let admin: Admin;
  const employee = TEST_PEOPLE.employee;

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    head = await createAccount(store, 'head@example.kz', pki.endEntities.firstHead, PASSWORD);
    await createAccount(store, 'employee@example.kz', pki.endEntities.employee, PASSWORD);
    await store.organizations.upsert(TEST_ORGANIZATION);
    await store.participants.add({ organizationBin: BIN, iin: head.iin, role: 'head', status: 'registered' });
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki), KILT_PKI_MODE: 'production' } });
    admin = await cabinetOf(kilt, 'head@example.kz', pki.endEntities.firstHead, BIN);
  });
  afterAll(() => kilt.stop());

  it('adds, corrects, excludes (after the question), restores; the person\'s sign-in registers them; the log says it all', async () => {
    let page = await admin.table();
    expect(page).toContain('Участники ЮЛ');
    expect(tableOf(page)).toEqual([{ iin: head.iin, role: 'head', status: 'registered' }]);
    expect(counterOf(page)).toBe('1 из 1 шт.');
    expect(page).toMatch(/<form [^>]*id="participant-add-form"/);

    page = await changed(admin, '/account/participants', { iin: MISTYPED, role: 'declarant' });
    expect(page).toContain(`Участник с ИИН ${MISTYPED} добавлен.`);
    expect(tableOf(page)).toEqual([
      { iin: MISTYPED, role: 'declarant', status: 'added' },
      { iin: head.iin, role: 'head', status: 'registered' },
    ]);
    expect(counterOf(page)).toBe('2 из 2 шт.');
    expect(page).toContain('>Декларант</td>');
    expect(page).toContain('>Добавлен</span>');

    const { id } = rowOf(page, MISTYPED);
    page = await changed(admin, `/account/participants/${id}/edit`, { iin: employee.iin, role: 'accountant' });
    expect(tableOf(page)).toEqual([
      { iin: employee.iin, role: 'accountant', status: 'added' },
      { iin: head.iin, role: 'head', status: 'registered' },
    ]);
    expect(rowOf(page, employee.iin).id).toBe(id);

    // Without the page's script the form posts without confirm=yes: the question comes back in the row, nothing changes.
    const asked = await admin.post(`/account/participants/${id}/exclude`, {});
    expect(asked.status).toBe(200);
    expect(asked.html).toContain(`Исключить участника с ИИН ${employee.iin}?`);
    expect(asked.html).toMatch(/<form class="participant-exclude"[^>]*>(?:(?!<\/form>)[^])*name="confirm" value="yes"/);
    expect(tableOf(asked.html)).toEqual(tableOf(page));

    page = await changed(admin, `/account/participants/${id}/exclude`, { confirm: 'yes' });
    expect(page).toContain(`Участник с ИИН ${employee.iin} исключен`);
    expect(tableOf(page)).toEqual([
      { iin: employee.iin, role: 'accountant', status: 'excluded' },
      { iin: head.iin, role: 'head', status: 'registered' },
    ]);
    expect(page).toContain('>Исключен</span>');
    expect(page).toContain('class="participant-restore"');

    const askedAgain = await admin.post(`/account/participants/${id}/restore`, {});
    expect(askedAgain.html).toContain(`Восстановить участника с ИИН ${employee.iin}?`);
    expect(rowOf(askedAgain.html, employee.iin).status).toBe('excluded');

    page = await changed(admin, `/account/participants/${id}/restore`, { confirm: 'yes' });
    expect(tableOf(page)).toEqual([
      { iin: employee.iin, role: 'accountant', status: 'restored' },
      { iin: head.iin, role: 'head', status: 'registered' },
    ]);
    expect(counterOf(page)).toBe('2 из 2 шт.');

    // Only the role may change once the person is past «Добавлен».
    page = await changed(admin, `/account/participants/${id}/edit`, { role: 'declarant' });
    expect(rowOf(page, employee.iin)).toMatchObject({ role: 'declarant', status: 'restored' });

    const own = await signInToCabinet(browser(kilt.url), kilt.url, { email: 'employee@example.kz', password: PASSWORD, key: pki.endEntities.employee, profile: BIN });
    expect(own).toContain(`data-bin="${BIN}"`);
    page = await admin.table();
    expect(tableOf(page)).toEqual([
      { iin: employee.iin, role: 'declarant', status: 'registered' },
      { iin: head.iin, role: 'head', status: 'registered' },
    ]);
    expect(page).toContain('>Зарегистрирован</span>');

    const history = await admin.agent.get('/account/participants/history');
    expect(history.status).toBe(200);
    expect(history.text).toContain('Журнал изменений');
    const entries = [...history.text.matchAll(/<tr data-type="([^"]+)" data-iin="([^"]+)">((?:(?!<\/tr>)[^])*)<\/tr>/g)].map(([, type, iin, cells]) => ({
      type, iin, cells: [...cells!.matchAll(/<td[^>]*>((?:(?!<\/td>)[^])*)<\/td>/g)].map(([, cell]) => cell!.replace(/<[^>]+>/g, '')),
    }));
    expect(entries.map(({ type, iin }) => [type, iin])).toEqual([
      ['participant.registered', employee.iin],
      ['participant.edited', employee.iin],
      ['participant.restored', employee.iin],
      ['participant.excluded', employee.iin],
      ['participant.edited', employee.iin],
      ['participant.added', MISTYPED],
    ]);
    const [registered, roleChanged, restored, excluded, corrected, added] = entries;
    // who · what · IIN · before · after
    expect(added!.cells.slice(1)).toEqual([`СЕЙТКАЛИЕВА ДИНАРА, ИИН ${head.iin}`, 'Добавлен участник', MISTYPED, '—', 'Декларант · Добавлен']);
    expect(corrected!.cells.slice(2)).toEqual(['Изменен участник', employee.iin, `${MISTYPED} · Декларант`, `${employee.iin} · Бухгалтер`]);
    expect(excluded!.cells.slice(2)).toEqual(['Исключен участник', employee.iin, 'Добавлен', 'Исключен']);
    expect(restored!.cells.slice(4)).toEqual(['Исключен', 'Восстановлен']);
    expect(roleChanged!.cells.slice(4)).toEqual(['Бухгалтер', 'Декларант']);
    expect(registered!.cells.slice(1)).toEqual([`АБДРАХМАНОВА ЖАНАР, ИИН ${employee.iin}`, 'Участник зарегистрировался', employee.iin, 'Восстановлен', 'Зарегистрирован']);
    for (const entry of entries) expect(entry.cells[0]).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);
  });

  it('refuses a bad IIN, a duplicate and an unknown role in place, keeping what was typed and changing nothing', async () => {
    const before = tableOf(await admin.table());
    const cases = [
      { iin: '12345', role: 'declarant', status: 422, message: 'Введите корректный ИИН сотрудника: 12 цифр, последняя — контрольная.' },
      { iin: '86072045012x', role: 'declarant', status: 422, message: 'Введите корректный ИИН сотрудника: 12 цифр, последняя — контрольная.' },
      { iin: WRONG_CHECK_DIGIT, role: 'declarant', status: 422, message: 'Введите корректный ИИН сотрудника: 12 цифр, последняя — контрольная.' },
      { iin: employee.iin, role: 'declarant', status: 409, message: `Участник с ИИН ${employee.iin} уже есть в списке участников ЮЛ.` },
      { iin: TEST_PEOPLE.hr.iin, role: 'astronaut', status: 422, message: 'Выберите роль сотрудника из списка.' },
      { iin: TEST_PEOPLE.hr.iin, role: 'head', status: 422, message: 'Выберите роль сотрудника из списка.' },
    ];
    for (const { iin, role, status, message } of cases) {
      const answer = await admin.post('/account/participants', { iin, role });
      expect(answer.status, iin).toBe(status);
      const form = /<details id="participant-add" open>(?:(?!<\/details>)[^])*<\/details>/.exec(answer.html)?.[0];
      expect(form, 'the add form stays open').toBeDefined();
      expect(alertsOf(form!)).toEqual([message]);
      expect(form).toContain(`value="${iin}" aria-invalid="true"`);
      if (role === 'declarant') expect(form).toContain('<option value="declarant" selected');
      expect(tableOf(answer.html)).toEqual(before);
    }
    expect(tableOf(await admin.table())).toEqual(before);
  });

  it('refuses a bad IIN in «Изменить» inside the row\'s form, and an IIN change once registered', async () => {
    const page = await changed(admin, '/account/participants', { iin: TEST_PEOPLE.hr.iin, role: 'declarant' });
    const { id } = rowOf(page, TEST_PEOPLE.hr.iin);
    const answer = await admin.post(`/account/participants/${id}/edit`, { iin: '0000', role: 'accountant' });
    expect(answer.status).toBe(422);
    const row = new RegExp(`<tr data-id="${id}"(?:(?!</tr>)[^])*</tr>`).exec(answer.html)![0];
    expect(row).toContain('<details class="participant-edit-toggle" open>');
    expect(alertsOf(row)).toEqual(['Введите корректный ИИН сотрудника: 12 цифр, последняя — контрольная.']);
    expect(row).toContain('value="0000"');
    expect(row).toContain('<option value="accountant" selected');
    expect(rowOf(answer.html, TEST_PEOPLE.hr.iin)).toMatchObject({ role: 'declarant', status: 'added' });

    const registeredId = rowOf(page, employee.iin).id;
    const locked = await admin.post(`/account/participants/${registeredId}/edit`, { iin: MISTYPED, role: 'declarant' });
    expect(locked.status).toBe(422);
    expect(alertsOf(locked.html)).toEqual(['ИИН можно изменить, только пока участник в статусе «Добавлен». Измените роль или исключите участника и добавьте новый ИИН.']);
    expect(rowOf(locked.html, employee.iin).status).toBe('registered');
    expect(page).not.toMatch(new RegExp(`<tr data-id="${registeredId}"(?:(?!</tr>)[^])*name="iin"(?:(?!</tr>)[^])*</tr>`));
  });

  it('does not let the administrator exclude themselves, nor anyone exclude the last administrator', async () => {
    const page = await admin.table();
    const own = rowOf(page, head.iin);
    expect(new RegExp(`<tr data-id="${own.id}"(?:(?!</tr>)[^])*</tr>`).exec(page)![0]).not.toContain('participant-exclude');
    const self = await admin.post(`/account/participants/${own.id}/exclude`, { confirm: 'yes' });
    expect(self.status).toBe(409);
    expect(alertsOf(self.html)).toEqual(['Нельзя исключить самого себя.']);
    expect(rowOf(self.html, head.iin).status).toBe('registered');

    // A signing-right holder administers by their certificate while their own participation is a declarant's.
    await createAccount(store, 'signer@example.kz', pki.endEntities.signingRight, PASSWORD);
    await store.participants.add({ organizationBin: BIN, iin: TEST_PEOPLE.signingRight.iin, role: 'declarant', status: 'registered' });
    const signer = await cabinetOf(kilt, 'signer@example.kz', pki.endEntities.signingRight, BIN);
    const last = await signer.post(`/account/participants/${own.id}/exclude`, { confirm: 'yes' });
    expect(last.status).toBe(409);
    expect(alertsOf(last.html)).toEqual(['Нельзя исключить последнего руководителя организации: тогда участниками ЮЛ некому будет управлять.']);
    expect(rowOf(await signer.table(), head.iin).status).toBe('registered');
  });

  it('speaks Kazakh and English on request, role labels included; the data attributes stay codes', async () => {
    const kk = await admin.table('?ui_locales=kk');
    expect(kk).toContain('>Қатысушы қосу</summary>');
    expect(kk).toContain('>Тіркелген</span>');
    expect(kk).toContain('Басшы (әкімші)');
    const en = await admin.table('?ui_locales=en');
    expect(en).toContain('>Add a participant</summary>');
    expect(en).toContain('>Declarant</td>');
    expect(tableOf(en)).toEqual(tableOf(kk));
  });

  it('answers 404 with the table for an unknown participant, and refuses a form without its token', async () => {
    const unknown = await admin.post('/account/participants/00000000-0000-4000-8000-000000000000/exclude', { confirm: 'yes' });
    expect(unknown.status).toBe(404);
    expect(alertsOf(unknown.html)).toEqual(['Участник не найден. Обновите страницу.']);
    const forged = await admin.agent.post('/account/participants').type('form').send({ csrf: 'forged', iin: MISTYPED, role: 'declarant' });
    expect(forged.status).toBe(403);
    expect(rowsOf(await admin.table()).some((row) => row.iin === MISTYPED)).toBe(false);
  });
});

describe('«Участники ЮЛ»: only the company\'s administrators', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;
  let participantId: string;
  let otherKey: TestEndEntity;

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    const head = await createAccount(store, 'head@example.kz', pki.endEntities.firstHead, PASSWORD);
    const employee = await createAccount(store, 'employee@example.kz', pki.endEntities.employee, PASSWORD);
    otherKey = await pki.issue({ role: 'firstHead', person: OTHER_HEAD, organization: OTHER_COMPANY });
    const otherHead = await createAccount(store, 'other@example.kz', otherKey, PASSWORD);
    await store.organizations.upsert(TEST_ORGANIZATION);
    await store.organizations.upsert(OTHER_COMPANY);
    await store.participants.add({ organizationBin: BIN, iin: head.iin, role: 'head', status: 'registered' });
    await store.participants.add({ organizationBin: BIN, iin: employee.iin, role: 'declarant', status: 'registered' });
    await store.participants.add({ organizationBin: OTHER_COMPANY.bin, iin: otherHead.iin, role: 'head', status: 'registered' });
    participantId = (await store.participants.add({ organizationBin: BIN, iin: TEST_PEOPLE.hr.iin, role: 'declarant', status: 'added' })).id;
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki) } });
  });
  afterAll(() => kilt.stop());

  const forbidden = 'Раздел «Участники ЮЛ» доступен только первому руководителю организации и сотруднику с правом подписи, вошедшим с ключом ЭЦП этой организации.';

  async function expectRefused(admin: Admin): Promise<void> {
    for (const path of ['/account/participants', '/account/participants?page=2&per_page=50', '/account/participants/history']) {
      const page = await admin.agent.get(path);
      expect(page.status, path).toBe(403);
      expect(unescape(page.text), path).toContain(forbidden);
      expect(page.text, path).not.toContain('<table id="participants"');
    }
    const posts: [string, Record<string, string>][] = [
      ['/account/participants', { iin: MISTYPED, role: 'declarant' }],
      [`/account/participants/${participantId}/edit`, { iin: MISTYPED, role: 'accountant' }],
      [`/account/participants/${participantId}/exclude`, { confirm: 'yes' }],
      [`/account/participants/${participantId}/exclude`, {}],
      [`/account/participants/${participantId}/restore`, { confirm: 'yes' }],
    ];
    for (const [path, fields] of posts) {
      const answer = await admin.post(path, fields);
      expect(answer.status, path).toBe(403);
      expect(unescape(answer.html), path).toContain(forbidden);
    }
    expect(await store.participants.findById(participantId)).toMatchObject({ iin: TEST_PEOPLE.hr.iin, role: 'declarant', status: 'added' });
    expect(await store.participants.find(BIN, MISTYPED)).toBeNull();
  }

  it('refuses an employee acting for the company with its key', async () => {
    const admin = await cabinetOf(kilt, 'employee@example.kz', pki.endEntities.employee, BIN);
    await expectRefused(admin);
  });

  it('refuses the first head acting as an individual', async () => {
    const admin = await cabinetOf(kilt, 'head@example.kz', pki.endEntities.firstHead, 'individual');
    await expectRefused(admin);
  });

  it('refuses the head of another company, whose own table does not show this one', async () => {
    const admin = await cabinetOf(kilt, 'other@example.kz', otherKey, OTHER_COMPANY.bin);
    expect(tableOf(await admin.table())).toEqual([{ iin: OTHER_HEAD.iin, role: 'head', status: 'registered' }]);
    const posts = [`/account/participants/${participantId}/edit`, `/account/participants/${participantId}/exclude`];
    for (const path of posts) expect((await admin.post(path, { role: 'accountant', confirm: 'yes' })).status, path).toBe(404);
    expect(await store.participants.findById(participantId)).toMatchObject({ role: 'declarant', status: 'added' });
  });

  it('lets the same head in once they act for their company', async () => {
    const admin = await cabinetOf(kilt, 'head@example.kz', pki.endEntities.firstHead, BIN);
    expect(rowsOf(await admin.table())).toHaveLength(3);
  });
});

describe('«Участники ЮЛ»: pages of 10, 20 and 50 rows, last change first', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;
  let admin: Admin;
  let head: UserRecord;

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    head = await createAccount(store, 'head@example.kz', pki.endEntities.firstHead, PASSWORD);
    await store.organizations.upsert(TEST_ORGANIZATION);
    await store.participants.add({ organizationBin: BIN, iin: head.iin, role: 'head', status: 'registered' });
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki) } });
    admin = await cabinetOf(kilt, 'head@example.kz', pki.endEntities.firstHead, BIN);
  });
  afterAll(() => kilt.stop());

  /**
   * The cabinet now acts for a company holding exactly `count` participants, as the head signed in with its key would:
   * a company with no participants at all is reachable no other way (its head would be one).
   */
  async function companyWith(count: number, bin = makeBin('2020-01', 100 + count)): Promise<string[]> {
    const iins: string[] = [];
    for (let i = 0; i < count; i++) {
      const iin = makeIin('1990-01-01', i % 2 ? 'male' : 'female', 1000 + i);
      await store.participants.add({ organizationBin: bin, iin, role: i % 3 ? 'declarant' : 'accountant', status: 'added' });
      iins.push(iin);
    }
    for (const selection of await store.profileSelections.listByAccount(head.id)) {
      if (selection.clientId !== 'kilt-account') continue;
      await store.profileSelections.save({ ...selection, profile: { type: 'legal_entity', bin, name: `ТОО ${count}`, roles: ['head', 'first_head'] } });
    }
    return iins;
  }

  for (const count of [0, 1, 10, 11, 50]) {
    it(`shows ${count} participants on the right pages at 10, 20 and 50 a page`, async () => {
      const iins = await companyWith(count);
      for (const perPage of [10, 20, 50]) {
        const pages = Math.max(1, Math.ceil(count / perPage));
        const seen: string[] = [];
        for (let page = 1; page <= pages; page++) {
          const html = await admin.table(`?page=${page}&per_page=${perPage}`);
          const rows = rowsOf(html);
          const expected = page < pages ? perPage : count - (pages - 1) * perPage;
          expect(rows, `page ${page} at ${perPage}`).toHaveLength(expected);
          expect(counterOf(html)).toBe(`${expected} из ${count} шт.`);
          expect(html).toContain(`<option value="${perPage}" selected>${perPage} / стр.</option>`);
          expect(html).toContain(`<span class="current" aria-current="page">${page}</span>`);
          expect(html.includes('rel="next"')).toBe(page < pages);
          expect(html.includes('rel="prev"')).toBe(page > 1);
          expect(html.includes('Участников пока нет.')).toBe(count === 0);
          seen.push(...rows.map((row) => row.iin));
        }
        expect([...seen].sort(), `every row once at ${perPage}`).toEqual([...iins].sort());
        const changedAt = await Promise.all(seen.map(async (iin) => (await store.participants.find(makeBin('2020-01', 100 + count), iin))!.updatedAt.getTime()));
        expect(changedAt).toEqual([...changedAt].sort((a, b) => b - a));
      }
      const past = await admin.table('?page=99&per_page=10');
      expect(rowsOf(past)).toHaveLength(count === 0 ? 0 : count - (Math.ceil(count / 10) - 1) * 10);
      const odd = await admin.table('?page=abc&per_page=30');
      expect(rowsOf(odd)).toHaveLength(Math.min(count, 10));
      expect(odd).toContain('<option value="10" selected>');
    });
  }

  it('keeps the rows per page across a change, and opens the first page where the changed row now is', async () => {
    const bin = makeBin('2020-02', 125);
    await companyWith(24, bin);
    // Changes need the administrator among the company's registered participants.
    await store.participants.add({ organizationBin: bin, iin: head.iin, role: 'head', status: 'registered' });
    const html = await admin.table('?page=2&per_page=20');
    const lastOnPage = rowsOf(html).filter((row) => row.role !== 'head').at(-1)!;
    // The change must fall in a later millisecond than the inserts, or the order between them is the ids'.
    await new Promise((done) => setTimeout(done, 5));
    const role = lastOnPage.role === 'declarant' ? 'accountant' : 'declarant';
    const answer = await admin.post(`/account/participants/${lastOnPage.id}/edit`, { role, page: '2', per_page: '20' });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/account/participants?page=1&per_page=20&done=edited&iin=${lastOnPage.iin}`);
    const first = await admin.table(answer.location!.replace('/account/participants', ''));
    expect(rowsOf(first)[0]).toMatchObject({ iin: lastOnPage.iin, role });
    expect(counterOf(first)).toBe('20 из 25 шт.');
  });
});
