import * as oidc from 'openid-client';
import type request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Sms, SmsSender } from '../../../src/domain/sms.ts';
import type { Store, UserRecord } from '../../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../../src/provider/client-registration.ts';
import { createAccount, fastPasswords, testPki } from '../../support/kilt/accounts.ts';
import { type Browser, browser } from '../../support/kilt/browser.ts';
import { signInToCabinet } from '../../support/kilt/cabinet.ts';
import { temporaryDirectory, trustDirectoryOf } from '../../support/kilt/files.ts';
import { attributeOf, challengeOf, csrfOf, errorOf, signInThroughScreens } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../support/mail/smtp-catcher.ts';
import { type TestEndEntity, type TestPki, cmsToBase64, signCms } from '../../support/pki/index.ts';

const PASSWORD = 'correct horse battery';
const PORTAL = { clientId: 'portal', redirectUri: 'http://portal.kilt.test/callback' };

const problemOf = (html: string, field: string) => new RegExp(`<p class="field-error" id="${field}-problem">([^<]*)</p>`).exec(html)?.[1];
const valueOf = (html: string, name: string) => attributeOf(html, new RegExp(`name="${name}" value="([^"]*)"`));
const noticeOf = (html: string) => /<p class="notice" role="status">([^<]*)<\/p>/.exec(html)?.[1];
const codeOf = (sms: Sms) => /\b(\d{6})\b/.exec(sms.text)![1]!;
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** «Профиль пользователя» over HTTP: every form of /account/profile, the e-mail link, and the claims they feed. */
describe('personal cabinet: profile', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let smtp: SmtpCatcher;
  let kilt: TestKilt;
  const outbox: Sms[] = [];
  const sms: SmsSender = {
    async send(message) {
      outbox.push(message);
    },
  };

  beforeAll(async () => {
    pki = await testPki();
    smtp = await startSmtpCatcher();
    store = createMemoryStore();
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], public: true, firstParty: true })));
    kilt = await startTestKilt({
      store, sms, env: { KILT_TRUST_DIR: trustDirectoryOf(pki), SMTP_URL: smtp.url, MAIL_FROM: 'Kilt <no-reply@kilt.test>', KILT_DATA_DIR: temporaryDirectory('data') },
    });
  });
  afterAll(async () => {
    await kilt.stop();
    await smtp.close();
  });

  const lettersTo = (email: string) => smtp.letters.filter((letter) => letter.rcptTo.includes(email));

  /** A browser in the cabinet of the account `email`, signed in with `key`. */
  async function cabinetOf(email: string, key: TestEndEntity, password = PASSWORD): Promise<Browser> {
    const agent = browser(kilt.url);
    await signInToCabinet(agent, kilt.url, { email, password, key });
    return agent;
  }

  /** Opens the form's page and posts the form with the page's token. */
  async function submit(agent: Browser, form: string, action: string, fields: Record<string, string>): Promise<request.Response> {
    const page = await agent.get(`/account/profile/${form}`);
    expect(page.status).toBe(200);
    return agent.post(action).type('form').send({ csrf: csrfOf(page.text), ...fields });
  }

  async function page(agent: Browser, path = '/account/profile'): Promise<string> {
    const response = await agent.get(path);
    expect(response.status).toBe(200);
    return response.text;
  }

  /** The portal's tokens for `scope`, through Kilt's screens in the browser's session. */
  async function portalTokens(agent: Browser, email: string, key: TestEndEntity, scope: string, prompt?: string) {
    const verifier = oidc.randomPKCECodeVerifier();
    const callback = await signInThroughScreens(agent, kilt.url, new URL('/auth?' + new URLSearchParams({
      client_id: PORTAL.clientId, redirect_uri: PORTAL.redirectUri, response_type: 'code', scope, state: 's',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...(prompt ? { prompt } : {}),
    }), kilt.url), { email, password: PASSWORD, key });
    const config = await oidc.discovery(new URL(kilt.url), PORTAL.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    return { config, tokens: await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: 's' }) };
  }

  describe('«Данные профиля»', () => {
    const EMAIL = 'aidar@example.kz';
    let user: UserRecord;
    let agent: Browser;

    beforeAll(async () => {
      user = await createAccount(store, EMAIL, pki.endEntities.individual, PASSWORD);
      agent = await cabinetOf(EMAIL, pki.endEntities.individual);
    });

    it('asks for them with the manual\'s banner while they are empty', async () => {
      const html = await page(agent);
      expect(html).toContain('Уважаемый пользователь, у Вас не заполнены «Данные профиля», они понадобятся для работы в сервисе «Электронное декларирование».');
      expect(html).toContain('<a class="fill" href="/account/profile/personal">+ Заполнить</a>');
      expect(html).toContain('<a class="fill" href="/account/profile/address">+ Заполнить</a>');
    });

    it('refuses personal data field by field, with each message under its field and the values kept', async () => {
      const refused = await submit(agent, 'personal', '/account/profile/personal', {
        latinSurname: 'Искаков', latinGivenName: ' ', documentKind: 'passport', documentNumber: '12345', documentIssuedOn: '1989-12-31',
      });
      expect(refused.status).toBe(400);
      expect(errorOf(refused.text)).toBe('Проверьте выделенные поля.');
      expect(problemOf(refused.text, 'latinSurname')).toBe('Латинскими буквами, как в паспорте: буквы A–Z, пробел, дефис, апостроф.');
      expect(problemOf(refused.text, 'latinGivenName')).toBe('Заполните это поле.');
      expect(problemOf(refused.text, 'documentNumber')).toBe('Номер паспорта — латинская буква и 8 цифр, например N12345678.');
      expect(problemOf(refused.text, 'documentIssuedOn')).toBe('Дата выдачи не может быть раньше даты рождения (15.05.1990).');
      expect(valueOf(refused.text, 'latinSurname')).toBe('Искаков');
      expect(valueOf(refused.text, 'documentNumber')).toBe('12345');
      expect(refused.text).toMatch(/<option value="passport" selected/);
      expect((await store.users.findById(user.id))?.personalData).toBeNull();
    });

    it('saves personal data and shows them', async () => {
      const saved = await submit(agent, 'personal', '/account/profile/personal', {
        latinSurname: 'iskakov', latinGivenName: 'Aidar', documentKind: 'id_card', documentNumber: '045 678 912', documentIssuedOn: '12.04.2019',
      });
      expect(saved.headers['location']).toBe('/account/profile?done=personal');
      const html = await page(agent, saved.headers['location']);
      expect(noticeOf(html)).toBe('Личные данные сохранены.');
      expect(html).toContain('ISKAKOV AIDAR');
      expect(html).toContain('Удостоверение личности гражданина РК № 045678912, 12.04.2019');
      expect((await store.users.findById(user.id))?.personalData).toEqual({
        latinSurname: 'ISKAKOV', latinGivenName: 'AIDAR', documentKind: 'id_card', documentNumber: '045678912', documentIssuedOn: '2019-04-12',
      });
      expect(valueOf(await page(agent, '/account/profile/personal'), 'documentIssuedOn')).toBe('2019-04-12');
    });

    it('refuses an address field by field, keeping what was typed', async () => {
      const refused = await submit(agent, 'address', '/account/profile/address', {
        region: '', locality: 'г. Талгар', street: '', house: '5', apartment: '', postalCode: '04160',
      });
      expect(refused.status).toBe(400);
      expect(problemOf(refused.text, 'region')).toBe('Выберите область или город республиканского значения из списка.');
      expect(problemOf(refused.text, 'street')).toBe('Заполните это поле.');
      expect(problemOf(refused.text, 'postalCode')).toBe('Почтовый индекс — 6 цифр, например 050000.');
      expect(problemOf(refused.text, 'house')).toBeUndefined();
      expect(valueOf(refused.text, 'locality')).toBe('г. Талгар');
      expect(valueOf(refused.text, 'postalCode')).toBe('04160');
    });

    it('saves the address, drops the banner once both are filled, and releases the address claim for the address scope', async () => {
      const saved = await submit(agent, 'address', '/account/profile/address', {
        region: 'almaty', locality: 'г. Талгар', street: 'ул. Бокейханова', house: '5', apartment: '12', postalCode: '041600',
      });
      expect(saved.headers['location']).toBe('/account/profile?done=address');
      const html = await page(agent, saved.headers['location']);
      expect(noticeOf(html)).toBe('Адрес сохранён.');
      expect(html).toContain('ул. Бокейханова, д. 5, кв. 12<br>г. Талгар<br>Алматинская область<br>041600<br>Казахстан');
      expect(html).not.toContain('не заполнены «Данные профиля»');
      expect(html).toContain('<a class="fill" href="/account/profile/address">Изменить</a>');

      const { config, tokens } = await portalTokens(agent, EMAIL, pki.endEntities.individual, 'openid address');
      expect((await oidc.fetchUserInfo(config, tokens.access_token, user.id))['address']).toEqual({
        formatted: 'ул. Бокейханова, д. 5, кв. 12\nг. Талгар\nАлматинская область\n041600\nКазахстан',
        street_address: 'ул. Бокейханова, д. 5, кв. 12',
        locality: 'г. Талгар',
        region: 'Алматинская область',
        postal_code: '041600',
        country: 'KZ',
      });
      const withoutScope = await portalTokens(agent, EMAIL, pki.endEntities.individual, 'openid');
      expect(await oidc.fetchUserInfo(withoutScope.config, withoutScope.tokens.access_token, user.id)).not.toHaveProperty('address');
    });
  });

  describe('e-mail change', () => {
    const EMAIL = 'zhanar@example.kz';
    const TAKEN = 'dinara@example.kz';
    let user: UserRecord;
    let agent: Browser;

    beforeAll(async () => {
      user = await createAccount(store, EMAIL, pki.endEntities.employee, PASSWORD);
      await createAccount(store, TAKEN, pki.endEntities.firstHead, PASSWORD);
      agent = await cabinetOf(EMAIL, pki.endEntities.employee);
    });

    const linkIn = (text: string) => /\/confirm-email\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];

    it('refuses an address that is not one, or is already the account\'s, keeping what was typed', async () => {
      const invalid = await submit(agent, 'email', '/account/profile/email', { email: 'zhanar@' });
      expect(invalid.status).toBe(400);
      expect(errorOf(invalid.text)).toBe('Введите корректный адрес электронной почты, например ivanov@mail.kz.');
      expect(valueOf(invalid.text, 'email')).toBe('zhanar@');
      const same = await submit(agent, 'email', '/account/profile/email', { email: ' Zhanar@Example.kz' });
      expect(errorOf(same.text)).toBe('Этот адрес уже указан в вашем профиле.');
    });

    it('sends a single-use link to the new address and a notice to the current one, and changes nothing until the link', async () => {
      const asked = await submit(agent, 'email', '/account/profile/email', { email: 'zhanar.new@example.kz' });
      expect(asked.headers['location']).toBe('/account/profile?done=email');
      expect(noticeOf(await page(agent, asked.headers['location']))).toMatch(/^Письмо со ссылкой отправлено на новый адрес\./);
      const [confirm] = lettersTo('zhanar.new@example.kz');
      expect(confirm?.subject).toBe('Подтвердите новый E-mail для Kilt');
      const [notice] = lettersTo(EMAIL);
      expect(notice?.subject).toBe('Запрошена смена E-mail учётной записи Kilt');
      expect(notice?.text).toContain('на zhanar.new@example.kz');
      expect(linkIn(notice!.text)).toBeUndefined();
      expect((await store.users.findById(user.id))?.email).toBe(EMAIL);

      const link = linkIn(confirm!.text)!;
      const elsewhere = browser(kilt.url);
      const followed = await elsewhere.get(link);
      expect(followed.status).toBe(200);
      expect(followed.text).toContain('Теперь для входа в Kilt используйте адрес zhanar.new@example.kz.');
      expect((await store.users.findById(user.id))?.email).toBe('zhanar.new@example.kz');
      expect(await page(agent)).toContain('<span id="current-email">zhanar.new@example.kz</span>');
      const again = await elsewhere.get(link);
      expect(again.status).toBe(400);
      expect(errorOf(again.text)).toMatch(/^Ссылка недействительна/);
    });

    it('answers alike for an address with an account, which alone learns of it, and changes nothing', async () => {
      const before = smtp.letters.length;
      const asked = await submit(agent, 'email', '/account/profile/email', { email: TAKEN });
      expect(asked.headers['location']).toBe('/account/profile?done=email');
      const [taken] = smtp.letters.slice(before).filter((letter) => letter.rcptTo.includes(TAKEN));
      expect(taken?.subject).toBe('Этот E-mail уже используется в Kilt');
      expect(linkIn(taken!.text)).toBeUndefined();
      expect((await store.users.findById(user.id))?.email).toBe('zhanar.new@example.kz');
    });

    it('lets only the newest link work, and sends at most three an hour for one account', async () => {
      const email = 'signer@example.kz';
      const signer = await createAccount(store, email, pki.endEntities.signingRight, PASSWORD);
      const asker = await cabinetOf(email, pki.endEntities.signingRight);
      for (const address of ['first.try@example.kz', 'second.try@example.kz', 'third.try@example.kz']) {
        expect((await submit(asker, 'email', '/account/profile/email', { email: address })).status).toBe(302);
      }
      const limited = await submit(asker, 'email', '/account/profile/email', { email: 'fourth.try@example.kz' });
      expect(limited.status).toBe(429);
      expect(errorOf(limited.text)).toBe('Письма для смены E-mail уже отправлялись несколько раз. Повторите через 60 мин.');
      expect(valueOf(limited.text, 'email')).toBe('fourth.try@example.kz');
      expect(lettersTo('fourth.try@example.kz')).toEqual([]);
      const links = ['first.try@example.kz', 'second.try@example.kz', 'third.try@example.kz'].map((address) => linkIn(lettersTo(address)[0]!.text)!);
      expect((await browser(kilt.url).get(links[0]!)).status).toBe(400);
      expect((await browser(kilt.url).get(links[1]!)).status).toBe(400);
      expect((await browser(kilt.url).get(links[2]!)).status).toBe(200);
      expect((await store.users.findById(signer.id))?.email).toBe('third.try@example.kz');
    });
  });

  describe('phone change', () => {
    const EMAIL = 'phone.owner@example.kz';
    let user: UserRecord;
    let agent: Browser;

    beforeAll(async () => {
      user = await createAccount(store, EMAIL, pki.endEntities.financialSigningRight, PASSWORD);
      agent = await cabinetOf(EMAIL, pki.endEntities.financialSigningRight);
    });
    beforeEach(() => {
      outbox.length = 0;
    });

    it('refuses a number that is not a Kazakh mobile one, keeping it', async () => {
      const refused = await submit(agent, 'phone', '/account/profile/phone', { phone: '+7 495 123 45 67' });
      expect(refused.status).toBe(400);
      expect(errorOf(refused.text)).toBe('Введите номер мобильного телефона в формате +7 7XX XXX XX XX.');
      expect(valueOf(refused.text, 'phone')).toBe('+7 495 123 45 67');
      expect(outbox).toEqual([]);
    });

    it('confirms a new number by its SMS code, counting wrong codes, and then releases it as phone_number', async () => {
      const asked = await submit(agent, 'phone', '/account/profile/phone', { phone: '8 701 234 56 78' });
      expect(asked.headers['location']).toBe('/account/profile/phone');
      expect(outbox.map((message) => message.to)).toEqual(['+77012345678']);
      const code = codeOf(outbox[0]!);
      const waiting = await page(agent, '/account/profile/phone');
      expect(waiting).toContain('Код отправлен на номер +7 701 ***-**-78. Он действует 5 минут.');

      const wrongCode = await agent.post('/account/profile/phone/code').type('form').send({ csrf: csrfOf(waiting), code: wrong(code) });
      expect(wrongCode.status).toBe(400);
      expect(errorOf(wrongCode.text)).toBe('Неверный код из SMS. Осталось попыток: 4.');
      const tooSoon = await agent.post('/account/profile/phone/resend').type('form').send({ csrf: csrfOf(waiting) });
      expect(tooSoon.status).toBe(429);
      expect(errorOf(tooSoon.text)).toMatch(/^Новый код можно запросить через \d+ с\.$/);
      expect((await store.users.findById(user.id))?.phone).toBeNull();

      const confirmed = await agent.post('/account/profile/phone/code').type('form').send({ csrf: csrfOf(waiting), code });
      expect(confirmed.headers['location']).toBe('/account/profile?done=phone');
      const html = await page(agent, confirmed.headers['location']);
      expect(noticeOf(html)).toBe('Номер телефона подтверждён.');
      expect(html).toContain('<span id="current-phone">+77012345678</span>');
      expect(await store.users.findById(user.id)).toMatchObject({ phone: '+77012345678', phoneChange: null });

      const { config, tokens } = await portalTokens(agent, EMAIL, pki.endEntities.financialSigningRight, 'openid phone');
      expect(await oidc.fetchUserInfo(config, tokens.access_token, user.id)).toMatchObject({ phone_number: '+77012345678', phone_number_verified: true });
    });

    it('refuses the number the account already has', async () => {
      const refused = await submit(agent, 'phone', '/account/profile/phone', { phone: '+7 701 234 56 78' });
      expect(errorOf(refused.text)).toBe('Этот номер уже указан в вашем профиле.');
      expect(outbox).toEqual([]);
    });
  });

  describe('password change', () => {
    const EMAIL = 'hr@example.kz';
    const NEW_PASSWORD = 'Kilt new password 2026';
    let user: UserRecord;

    beforeAll(async () => {
      user = await createAccount(store, EMAIL, pki.endEntities.hr, PASSWORD);
    });

    /** The password form, signed by `key` as NCALayer would sign the page's challenge, with `fields` over the defaults. */
    async function changePassword(agent: Browser, key: TestEndEntity | null, fields: Record<string, string> = {}) {
      const form = await page(agent, '/account/profile/password');
      const challenge = challengeOf(form);
      const signature = key ? cmsToBase64(signCms(new Uint8Array(Buffer.from(challenge.base64, 'base64')), key)) : '';
      return agent.post('/account/profile/password').type('form').send({
        csrf: csrfOf(form), challengeId: challenge.id, signature,
        current_password: PASSWORD, password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD, ...fields,
      });
    }

    it('refuses a wrong current password, another person\'s key, no signature and unequal new passwords, typing nothing back', async () => {
      const agent = await cabinetOf(EMAIL, pki.endEntities.hr);
      const wrongPassword = await changePassword(agent, pki.endEntities.hr, { current_password: 'not the password 1' });
      expect(wrongPassword.status).toBe(400);
      expect(errorOf(wrongPassword.text)).toBe('Текущий пароль указан неверно.');
      expect(wrongPassword.text).not.toContain('not the password 1');
      expect(wrongPassword.text).toContain('data-challenge=');
      const otherKey = await changePassword(agent, pki.endEntities.firstHead);
      expect(errorOf(otherKey.text)).toBe(`Подпись сделана ключом другого человека (ИИН ********${pki.endEntities.firstHead.person!.iin.slice(-4)}). Подпишите своим ключом ЭЦП.`);
      const unsigned = await changePassword(agent, null);
      expect(errorOf(unsigned.text)).toBe('Подтвердите смену пароля подписью ключом ЭЦП: нажмите «Подписать и сменить пароль».');
      const mismatch = await changePassword(agent, pki.endEntities.hr, { password_confirmation: `${NEW_PASSWORD}!` });
      expect(errorOf(mismatch.text)).toBe('Пароли не совпадают.');
      expect(mismatch.text).not.toContain(NEW_PASSWORD);
      expect(await passwordIs(user.id, PASSWORD)).toBe(true);
    });

    it('changes it: every other session and refresh token ends, this cabinet session stays, and a notice goes by mail', async () => {
      const other = await cabinetOf(EMAIL, pki.endEntities.hr);
      const portal = await portalTokens(browser(kilt.url), EMAIL, pki.endEntities.hr, 'openid offline_access', 'consent');
      expect(portal.tokens.refresh_token).toBeTruthy();
      const agent = await cabinetOf(EMAIL, pki.endEntities.hr);

      const changed = await changePassword(agent, pki.endEntities.hr);
      expect(changed.headers['location'], errorOf(changed.text)).toBe('/account/profile?done=password');
      expect(noticeOf(await page(agent, changed.headers['location']))).toBe('Пароль изменён. Все другие сеансы завершены; этот сеанс продолжается.');
      expect((await other.get('/account/profile')).headers['location']).toBe('/account/login');
      await expect(oidc.refreshTokenGrant(portal.config, portal.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      await expect(oidc.fetchUserInfo(portal.config, portal.tokens.access_token, user.id)).rejects.toThrow();
      expect(lettersTo(EMAIL).at(-1)?.subject).toBe('Пароль Kilt изменён');
      expect(await passwordIs(user.id, NEW_PASSWORD)).toBe(true);
      await expect(cabinetOf(EMAIL, pki.endEntities.hr, NEW_PASSWORD)).resolves.toBeDefined();
    });
  });

  const passwordIs = async (userId: string, password: string) => fastPasswords.verify((await store.users.findById(userId))!.passwordHash, password);
});
