import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Sms, SmsSender } from '../../../src/domain/sms.ts';
import type { Store } from '../../../src/domain/store.ts';
import { testPki } from '../../support/kilt/accounts.ts';
import { type Browser, browser } from '../../support/kilt/browser.ts';
import { temporaryDirectory, trustDirectoryOf } from '../../support/kilt/files.ts';
import { type Step, open, revisionOf, submitCertificate, submitContacts, submitSmsCode } from '../../support/kilt/registration.ts';
import { csrfOf, errorOf } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import type { TestPki } from '../../support/pki/index.ts';

const PASSWORD = 'Registration 2026';
const AGREEMENT = { ru: 'Соглашение Kilt', kk: 'Kilt келісімі', en: 'Kilt agreement' };
const NUMBER = '+77012345678';

/** A browser whose Accept-Language is `language`: the wizard speaks it, and so do the SMS of its registration. */
function browserSpeaking(issuer: string, language: string): Browser {
  const agent = request.agent(issuer);
  return {
    authorize: () => Promise.reject(new Error('not a code flow')),
    get: (path) => agent.get(path).set('Accept-Language', language),
    post: (path) => agent.post(path).set('Accept-Language', language),
  };
}

const codeOf = (sms: Sms) => {
  const code = /\b(\d{6})\b/.exec(sms.text)?.[1];
  if (!code) throw new Error(`no 6-digit code in «${sms.text}»`);
  return code;
};
/** A code that is not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** The wizard over HTTP with KILT_REGISTRATION_PHONE=required (KNP): the number of step 2 confirmed by an SMS code. */
describe('registration with a mobile number confirmed by SMS', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;
  let outbox: Sms[];
  let smsFails: boolean;
  const sms: SmsSender = {
    async send(message) {
      if (smsFails) throw new Error('Twilio 21614: not a mobile number');
      outbox.push(message);
    },
  };

  beforeAll(async () => {
    pki = await testPki();
  });
  beforeEach(async () => {
    await kilt?.stop();
    outbox = [];
    smsFails = false;
    store = createMemoryStore();
    await store.agreements.publish(AGREEMENT, new Date());
    kilt = await startTestKilt({ store, sms, env: { KILT_TRUST_DIR: trustDirectoryOf(pki), KILT_REGISTRATION_PHONE: 'required', KILT_DATA_DIR: temporaryDirectory('data') } });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await kilt.stop();
  });

  /** Step 1 done: the contacts page of a new browser. */
  async function contactsPage(agent: Browser = browser(kilt.url)) {
    const certificate = await submitCertificate(agent, (await open(agent, '/register')).html, pki.endEntities.individual);
    expect(certificate.location, errorOf(certificate.html)).toBe('/register/contacts');
    return { agent, contacts: await open(agent, certificate.location!) };
  }

  /** Steps 1 and 2: the SMS code page, the code sent to `phone`. */
  async function phonePage(phone = NUMBER, agent?: Browser) {
    const { agent: at, contacts } = await contactsPage(agent);
    const submitted = await submitContacts(at, contacts.html, { email: 'aidar@example.kz', password: PASSWORD, phone });
    expect(submitted.location, errorOf(submitted.html)).toBe('/register/phone');
    return { agent: at, page: await open(at, '/register/phone') };
  }

  const resend = async (agent: Browser, html: string): Promise<Step> => {
    const response = await agent.post('/register/phone/resend').type('form').send({ csrf: csrfOf(html), revision: revisionOf(html) });
    return { status: response.status, html: response.text, location: response.headers['location'] };
  };
  const notice = (html: string) => /<p class="notice" role="status">([^<]*)<\/p>/.exec(html)?.[1];
  const later = (milliseconds: number) => vi.setSystemTime(new Date(Date.now() + milliseconds));

  it('asks for a mobile number with the contacts and refuses what is not one, in place, sending nothing', async () => {
    const { agent, contacts } = await contactsPage();
    expect(contacts.html).toMatch(/<input type="tel" name="phone"[^>]*required/);
    for (const phone of ['', '12345', '+7 (901) 234-56-78', '+7 701 234 56 7', '8 701 234 56 789', 'телефон']) {
      const refused = await submitContacts(agent, contacts.html, { email: 'aidar@example.kz', password: PASSWORD, phone });
      expect(refused.status, phone).toBe(400);
      expect(errorOf(refused.html)).toBe('Введите номер мобильного телефона в формате +7 7XX XXX XX XX.');
      expect(refused.html).toMatch(/name="phone"[^>]*aria-invalid="true"/);
      expect(refused.html).toContain('value="aidar@example.kz"');
      expect(revisionOf(refused.html)).toBe(revisionOf(contacts.html));
    }
    expect(outbox).toEqual([]);
    expect((await open(agent, '/register/phone')).html).toContain('id="register-contacts-form"');
  });

  it.each(['+7 (701) 234-56-78', '87012345678', '8 701 234 56 78', '7012345678'])('takes «%s» as +77012345678', async (typed) => {
    const { page } = await phonePage(typed);
    expect(outbox.map((message) => message.to)).toEqual([NUMBER]);
    // The page names the number, masked, so the person recognises it.
    expect(page.html).toContain('Мы отправили SMS с 6-значным кодом на номер +7 701 ***-**-78. Код действует 5 минут.');
  });

  it('sends a 6-digit code in the language of the person, and the right code leads to the agreement', async () => {
    const { agent, page } = await phonePage(NUMBER, browserSpeaking(kilt.url, 'kk'));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.text).toMatch(/^Kilt: растау коды \d{6}\. Оны ешкімге айтпаңыз\.$/);
    expect(page.html).toContain('+7 701 ***-**-78 нөміріне 6 таңбалы коды бар SMS жібердік.');
    // No skipping the code: the agreement sends the browser back to it.
    expect((await open(agent, '/register/agreement')).html).toContain('id="sms-form"');

    const confirmed = await submitSmsCode(agent, page.html, ` ${codeOf(outbox[0]!)} `);
    expect(confirmed.location).toBe('/register/agreement');
    expect((await open(agent, confirmed.location!)).html).toContain('id="register-agreement-form"');

    const { page: russian } = await phonePage('+77019876543');
    expect(outbox[1]!.text).toMatch(/^Kilt: код подтверждения \d{6}\. Никому не сообщайте его\.$/);
    expect(russian.html).toContain('на номер +7 701 ***-**-43');
  });

  it('counts wrong codes down, then refuses even the right one until a new code is sent, not sooner than 60 s', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { agent, page } = await phonePage();
    const code = codeOf(outbox[0]!);
    let html = page.html;
    for (const left of [4, 3, 2, 1]) {
      const refused = await submitSmsCode(agent, html, wrong(code));
      expect(refused.status).toBe(400);
      expect(errorOf(refused.html)).toBe(`Неверный код из SMS. Осталось попыток: ${left}.`);
      html = refused.html;
    }
    const fifth = await submitSmsCode(agent, html, wrong(code));
    expect(errorOf(fifth.html)).toBe('Превышено число попыток ввода кода. Запросите новый код.');
    const right = await submitSmsCode(agent, fifth.html, code);
    expect(right.status).toBe(400);
    expect(errorOf(right.html)).toBe('Превышено число попыток ввода кода. Запросите новый код.');
    expect((await open(agent, '/register/agreement')).html).toContain('id="sms-form"');

    const tooSoon = await resend(agent, right.html);
    expect(tooSoon.status).toBe(429);
    expect(errorOf(tooSoon.html)).toBe('Новый код можно запросить через 60 с.');
    later(45_000);
    expect(errorOf((await resend(agent, tooSoon.html)).html)).toBe('Новый код можно запросить через 15 с.');
    expect(outbox).toHaveLength(1);

    later(15_000);
    const resent = await resend(agent, tooSoon.html);
    expect(resent.status).toBe(200);
    expect(notice(resent.html)).toBe('Новый код отправлен.');
    expect(outbox).toHaveLength(2);
    const fresh = codeOf(outbox[1]!);
    if (fresh !== code) expect(errorOf((await submitSmsCode(agent, resent.html, code)).html)).toBe('Неверный код из SMS. Осталось попыток: 4.');
    const accepted = await submitSmsCode(agent, (await open(agent, '/register/phone')).html, fresh);
    expect(accepted.location).toBe('/register/agreement');
  });

  it('says when the SMS could not be sent, and sends it when asked again', async () => {
    smsFails = true;
    const { agent, contacts } = await contactsPage();
    const failed = await submitContacts(agent, contacts.html, { email: 'aidar@example.kz', password: PASSWORD, phone: NUMBER });
    expect(failed.status).toBe(502);
    expect(errorOf(failed.html)).toBe('Не удалось отправить SMS. Проверьте номер и запросите код ещё раз.');
    expect(failed.html).toContain('Код ещё не отправлен на номер +7 701 ***-**-78.');
    expect(failed.html).toContain('id="sms-resend-form"');

    // The resend button of that very page, at once: a code that never went out does not count for the 60 s.
    const again = await resend(agent, failed.html);
    expect(errorOf(again.html)).toBe('Не удалось отправить SMS. Проверьте номер и запросите код ещё раз.');
    expect(again.html).toContain('id="sms-resend-form"');
    smsFails = false;
    const sent = await resend(agent, again.html);
    expect(sent.status).toBe(200);
    expect(notice(sent.html)).toBe('Новый код отправлен.');
    expect(outbox).toHaveLength(1);
    expect((await submitSmsCode(agent, sent.html, codeOf(outbox[0]!))).location).toBe('/register/agreement');
  });

  it('sends at most five codes an hour to one number, whichever registration asks', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { agent, page } = await phonePage();
    let html = page.html;
    for (let sent = 2; sent <= 5; sent++) {
      later(60_000);
      const resent = await resend(agent, html);
      expect(notice(resent.html), errorOf(resent.html)).toBe('Новый код отправлен.');
      html = resent.html;
    }
    expect(outbox).toHaveLength(5);
    later(60_000);
    const limited = await resend(agent, html);
    expect(limited.status).toBe(429);
    expect(errorOf(limited.html)).toBe('На этот номер отправлено слишком много кодов. Повторите через 60 мин.');
    // The last code still works.
    expect((await submitSmsCode(agent, limited.html, codeOf(outbox[4]!))).location).toBe('/register/agreement');

    const { agent: other, contacts } = await contactsPage();
    const refused = await submitContacts(other, contacts.html, { email: 'other@example.kz', password: PASSWORD, phone: '8 701 234 56 78' });
    expect(errorOf(refused.html)).toBe('На этот номер отправлено слишком много кодов. Повторите через 60 мин.');
    expect(outbox).toHaveLength(5);
  });

  it('keeps a confirmed number when the person goes back to the contacts, and confirms a changed one anew', async () => {
    const { agent, page } = await phonePage();
    expect((await submitSmsCode(agent, page.html, codeOf(outbox[0]!))).location).toBe('/register/agreement');

    const back = await open(agent, '/register/contacts');
    expect(back.html).toContain(`value="${NUMBER}"`);
    const same = await submitContacts(agent, back.html, { email: 'fixed@example.kz', password: PASSWORD, phone: '8 (701) 234-56-78' });
    expect(same.location).toBe('/register/agreement');
    expect((await open(agent, '/register/agreement')).html).toContain('id="register-agreement-form"');
    expect(outbox).toHaveLength(1);

    const changed = await submitContacts(agent, (await open(agent, '/register/contacts')).html, { email: 'fixed@example.kz', password: PASSWORD, phone: '+7 702 765 43 21' });
    expect(changed.location).toBe('/register/phone');
    expect(outbox.map((message) => message.to)).toEqual([NUMBER, '+77027654321']);
    const phone = await open(agent, '/register/agreement');
    expect(phone.html).toContain('на номер +7 702 ***-**-21');
    // The code of the first number says nothing about the second (should the two codes be equal, any other is wrong too).
    const old = codeOf(outbox[0]!);
    const stale = await submitSmsCode(agent, phone.html, old === codeOf(outbox[1]!) ? wrong(old) : old);
    expect(errorOf(stale.html)).toBe('Неверный код из SMS. Осталось попыток: 4.');
    expect((await submitSmsCode(agent, (await open(agent, '/register/phone')).html, codeOf(outbox[1]!))).location).toBe('/register/agreement');
  });
});
