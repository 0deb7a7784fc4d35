import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Store } from '../../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../../src/provider/client-registration.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { browser } from '../../support/kilt/browser.ts';
import { temporaryDirectory, trustDirectoryOf } from '../../support/kilt/files.ts';
import { confirmationPath, open, revisionOf, submitAgreement, submitCertificate, submitContacts } from '../../support/kilt/registration.ts';
import { errorOf, signInThroughScreens } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../support/mail/smtp-catcher.ts';
import { TEST_ORGANIZATION, type TestEndEntity, type TestPki } from '../../support/pki/index.ts';

const PORTAL = { clientId: 'keden', redirectUri: 'http://keden.kilt.test/callback' };
const PASSWORD = 'Registration 2026';
const AGREEMENT = { ru: 'Соглашение Kilt', kk: 'Kilt келісімі', en: 'Kilt agreement' };

/** The wizard over HTTP, Keden style (no phone, agreement by button), letters received by a real SMTP server. */
describe('registration wizard', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let smtp: SmtpCatcher;
  let kilt: TestKilt;

  beforeAll(async () => {
    pki = await testPki();
    smtp = await startSmtpCatcher();
  });
  beforeEach(async () => {
    await kilt?.stop();
    store = createMemoryStore();
    await store.agreements.publish(AGREEMENT, new Date());
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], public: true, firstParty: true })));
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki), SMTP_URL: smtp.url, MAIL_FROM: 'Kilt <no-reply@kilt.test>', KILT_DATA_DIR: temporaryDirectory('data') } });
  });
  afterAll(async () => {
    await kilt.stop();
    await smtp.close();
  });

  const lettersTo = (email: string) => smtp.letters.filter((letter) => letter.rcptTo.includes(email));

  /** Steps 1–3; returns the agent and the «Проверьте почту» page. */
  async function register(key: TestEndEntity, email: string) {
    const agent = browser(kilt.url);
    const first = await open(agent, '/register');
    const certificate = await submitCertificate(agent, first.html, key);
    expect(certificate.location, errorOf(certificate.html)).toBe('/register/contacts');
    const contacts = await open(agent, certificate.location!);
    const agreement = await submitContacts(agent, contacts.html, { email, password: PASSWORD });
    expect(agreement.location, errorOf(agreement.html)).toBe('/register/agreement');
    const sent = await submitAgreement(agent, (await open(agent, '/register/agreement')).html);
    expect(sent.location, errorOf(sent.html)).toBe('/register/sent');
    return { agent, sent: await open(agent, '/register/sent') };
  }

  const signIn = (email: string, key: TestEndEntity) => signInThroughScreens(browser(kilt.url), kilt.url, new URL('/auth?' + new URLSearchParams({
    client_id: PORTAL.clientId, redirect_uri: PORTAL.redirectUri, response_type: 'code', scope: 'openid', state: 's',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
  }), kilt.url), { email, password: PASSWORD, key });

  it('registers an individual: certificate data shown, letter sent, account active only after the link', async () => {
    const key = pki.endEntities.individual;
    const agent = browser(kilt.url);
    const certificate = await submitCertificate(agent, (await open(agent, '/register')).html, key);
    const contacts = await open(agent, certificate.location!);
    expect(contacts.html).toContain('id="register-contacts-form"');
    expect(contacts.html).toContain(key.person!.iin);
    expect(contacts.html).toContain(key.person!.surname);
    expect(contacts.html).toContain('физическое лицо');
    await submitContacts(agent, contacts.html, { email: 'Aidar@Example.kz', password: PASSWORD });
    const sent = await submitAgreement(agent, (await open(agent, '/register/agreement')).html);
    const page = await open(agent, sent.location!);
    expect(page.html).toContain('Проверьте почту');
    expect(page.html).toContain('aidar@example.kz');

    await expect.poll(() => lettersTo('aidar@example.kz').length).toBe(1);
    const letter = lettersTo('aidar@example.kz')[0]!;
    expect(letter.subject).toBe('Подтвердите E-mail для регистрации в Kilt');
    const user = await store.users.findByEmail('aidar@example.kz');
    expect(user).toMatchObject({ iin: key.person!.iin, emailConfirmedAt: null });
    expect(user!.unconfirmedUntil!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    await expect(signIn('aidar@example.kz', key)).rejects.toThrow(/не подтверждена/);

    const confirmed = await open(browser(kilt.url), confirmationPath(letter.text));
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('Регистрация успешно завершена');
    expect((await store.users.findByEmail('aidar@example.kz'))?.emailConfirmedAt).toBeInstanceOf(Date);
    expect(await store.agreements.history(user!.id)).toMatchObject([{ version: 1, method: 'click', evidence: null }]);
    // The agreement accepted while registering is not asked again.
    const callback = await signIn('aidar@example.kz', key);
    expect(callback.searchParams.get('code')).toBeTruthy();

    const again = await open(browser(kilt.url), confirmationPath(letter.text));
    expect(again.status).toBe(400);
    expect(again.html).toContain('срок её действия (24 часа) истёк или она уже использована');
  });

  it('registers the company of a first head, who becomes its registered administrator', async () => {
    const key = pki.endEntities.firstHead;
    const { sent } = await register(key, 'head@example.kz');
    expect(sent.html).toContain('Проверьте почту');
    expect(await store.organizations.findByBin(TEST_ORGANIZATION.bin)).toBeNull();
    await expect.poll(() => lettersTo('head@example.kz').length).toBe(1);
    const confirmed = await open(browser(kilt.url), confirmationPath(lettersTo('head@example.kz')[0]!.text));
    expect(confirmed.html).toContain(TEST_ORGANIZATION.bin);
    expect(await store.organizations.findByBin(TEST_ORGANIZATION.bin)).toMatchObject({ name: TEST_ORGANIZATION.name });
    expect(await store.participants.find(TEST_ORGANIZATION.bin, key.person!.iin)).toMatchObject({ role: 'head', status: 'registered' });
  });

  it('registers an employee the head added, whose status becomes «Зарегистрирован»', async () => {
    const key = pki.endEntities.employee;
    await store.organizations.upsert({ bin: TEST_ORGANIZATION.bin, name: TEST_ORGANIZATION.name });
    const added = await store.participants.add({ organizationBin: TEST_ORGANIZATION.bin, iin: key.person!.iin, role: 'declarant', status: 'added' });
    const { agent } = await register(key, 'employee@example.kz');
    expect((await agent.get('/register/contacts')).headers['location']).toBe('/register/sent');
    expect((await store.participants.find(TEST_ORGANIZATION.bin, key.person!.iin))?.status).toBe('added');
    await expect.poll(() => lettersTo('employee@example.kz').length).toBe(1);
    await open(browser(kilt.url), confirmationPath(lettersTo('employee@example.kz')[0]!.text));
    expect(await store.participants.find(TEST_ORGANIZATION.bin, key.person!.iin)).toMatchObject({ id: added.id, status: 'registered', role: 'declarant' });
  });

  it.each([
    ['excluded', 'excluded', 'исключил вас из участников'],
    ['not added', undefined, 'Вы не добавлены в участники организации'],
  ] as const)('refuses an employee who is %s, creating nothing', async (_case, status, message) => {
    const key = pki.endEntities.hr;
    await store.organizations.upsert({ bin: TEST_ORGANIZATION.bin, name: TEST_ORGANIZATION.name });
    if (status) await store.participants.add({ organizationBin: TEST_ORGANIZATION.bin, iin: key.person!.iin, role: 'declarant', status });
    const agent = browser(kilt.url);
    const refused = await submitCertificate(agent, (await open(agent, '/register')).html, key);
    expect(refused.status).toBe(400);
    expect(errorOf(refused.html)).toContain(message);
    expect(errorOf(refused.html)).toContain(TEST_ORGANIZATION.bin);
    expect((await open(agent, '/register/contacts')).html).toContain('id="register-certificate-form"');
  });

  it('refuses an employee of a company nobody registered yet', async () => {
    const agent = browser(kilt.url);
    const refused = await submitCertificate(agent, (await open(agent, '/register')).html, pki.endEntities.financialSigningRight);
    expect(errorOf(refused.html)).toContain(`Организация с БИН ${TEST_ORGANIZATION.bin} ещё не зарегистрирована`);
  });

  it('refuses information-system certificates', async () => {
    const agent = browser(kilt.url);
    const refused = await submitCertificate(agent, (await open(agent, '/register')).html, pki.endEntities.informationSystem);
    expect(refused.status).toBe(400);
    expect(errorOf(refused.html)).toContain('Сертификат выдан информационной системе, а не человеку');
  });

  it('sends a person with an account to sign-in and password reset, saying no more', async () => {
    await createAccount(store, 'known@example.kz', pki.endEntities.signingRight);
    const agent = browser(kilt.url);
    const refused = await submitCertificate(agent, (await open(agent, '/register')).html, pki.endEntities.signingRight);
    expect(errorOf(refused.html)).toBe('Пользователь с этим ИИН уже зарегистрирован. Войдите в систему или восстановите пароль.');
    expect(refused.html).toContain('href="/forgot-password"');
    expect(refused.html).not.toContain('known@example.kz');

    const other = browser(kilt.url);
    const contacts = await open(other, (await submitCertificate(other, (await open(other, '/register')).html, pki.endEntities.individual)).location!);
    const taken = await submitContacts(other, contacts.html, { email: 'KNOWN@example.kz', password: PASSWORD });
    expect(taken.status).toBe(400);
    expect(errorOf(taken.html)).toContain('Этот e-mail уже используется');
  });

  it('refuses bad contacts with a message in place, keeping what was typed and changing nothing', async () => {
    const agent = browser(kilt.url);
    const contacts = await open(agent, (await submitCertificate(agent, (await open(agent, '/register')).html, pki.endEntities.individual)).location!);
    const cases = [
      [{ email: 'not-an-email', password: PASSWORD }, 'Введите корректный адрес электронной почты'],
      [{ email: 'typed@example.kz', password: 'short1' }, 'не менее 8 символов'],
      [{ email: 'typed@example.kz', password: 'onlyletters' }, 'буквы и цифры'],
      [{ email: 'typed@example.kz', password: PASSWORD, passwordConfirmation: 'Other 2026' }, 'Пароли не совпадают'],
      [{ email: 'typed@example.kz', password: PASSWORD, consent: false }, 'Без согласия на сбор, обработку и хранение персональных данных'],
    ] as const;
    for (const [fields, message] of cases) {
      const refused = await submitContacts(agent, contacts.html, fields);
      expect(refused.status).toBe(400);
      expect(errorOf(refused.html)).toContain(message);
      expect(refused.html).toContain(`value="${fields.email}"`);
      expect(revisionOf(refused.html)).toBe(revisionOf(contacts.html));
    }
    expect((await open(agent, '/register/agreement')).location).toBeUndefined();
    expect((await open(agent, '/register/agreement')).html).toContain('id="register-contacts-form"');
  });

  it('lets no step be skipped, and a double submit changes nothing twice', async () => {
    const agent = browser(kilt.url);
    const contacts = await open(agent, (await submitCertificate(agent, (await open(agent, '/register')).html, pki.endEntities.individual)).location!);
    const skipped = await agent.post('/register/agreement').type('form').send({ csrf: 'x', revision: revisionOf(contacts.html), decision: 'accept' });
    expect(skipped.headers['location']).toBe('/register/contacts');

    const first = await submitContacts(agent, contacts.html, { email: 'twice@example.kz', password: PASSWORD });
    const second = await submitContacts(agent, contacts.html, { email: 'other@example.kz', password: PASSWORD });
    expect(first.location).toBe('/register/agreement');
    expect(second.location).toBe('/register/agreement');
    const agreement = (await open(agent, '/register/agreement')).html;
    const [one, two] = await Promise.all([submitAgreement(agent, agreement), submitAgreement(agent, agreement)]);
    expect([one.location, two.location]).toEqual(['/register/sent', '/register/sent']);
    expect((await open(agent, '/register/sent')).html).toContain('twice@example.kz');
    expect(await store.users.findByEmail('other@example.kz')).toBeNull();
    await expect.poll(() => lettersTo('twice@example.kz').length).toBe(1);
  });

  it('keeps what was typed when going back, and a reload or a second tab continues where the wizard is', async () => {
    const agent = browser(kilt.url);
    const contacts = await open(agent, (await submitCertificate(agent, (await open(agent, '/register')).html, pki.endEntities.individual)).location!);
    await submitContacts(agent, contacts.html, { email: 'back@example.kz', password: PASSWORD });
    const back = await open(agent, '/register/contacts');
    expect(back.html).toContain('value="back@example.kz"');
    expect(back.html).toMatch(/name="consent" value="yes" checked/);
    expect((await open(agent, '/register')).html).toContain('id="register-agreement-form"');
  });

  it('sends the letter again on request, at most three letters an hour', async () => {
    const { agent, sent } = await register(pki.endEntities.individual, 'resend@example.kz');
    const resend = (html: string) => agent.post('/register/sent/resend').type('form').send({ csrf: /name="csrf" value="([^"]+)"/.exec(html)![1], revision: revisionOf(html) });
    expect((await resend(sent.html)).text).toContain('Письмо отправлено повторно');
    expect((await resend(sent.html)).text).toContain('Письмо отправлено повторно');
    const limited = await resend(sent.html);
    expect(limited.status).toBe(429);
    expect(errorOf(limited.text)).toContain('Письмо уже отправлялось несколько раз');
    await expect.poll(() => lettersTo('resend@example.kz').length).toBe(3);
    // Every link works until one of them is used.
    const links = lettersTo('resend@example.kz').map((letter) => confirmationPath(letter.text));
    expect(new Set(links).size).toBe(3);
    expect((await open(browser(kilt.url), links[1]!)).status).toBe(200);
    expect((await open(browser(kilt.url), links[0]!)).status).toBe(400);
  });

  it('tells the person when the letter could not be sent, keeps the registration, and sends it on retry', async () => {
    const failing = await startSmtpCatcher({ refuse: true });
    const offline = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki), SMTP_URL: failing.url, MAIL_FROM: 'Kilt <no-reply@kilt.test>', KILT_DATA_DIR: temporaryDirectory('data') } });
    try {
      const agent = browser(offline.url);
      const contacts = await open(agent, (await submitCertificate(agent, (await open(agent, '/register')).html, pki.endEntities.individual)).location!);
      await submitContacts(agent, contacts.html, { email: 'offline@example.kz', password: PASSWORD });
      const refused = await submitAgreement(agent, (await open(agent, '/register/agreement')).html);
      expect(refused.status).toBe(502);
      expect(errorOf(refused.html)).toContain('Не удалось отправить письмо на offline@example.kz');
      expect(refused.html).toContain('id="register-resend-form"');
      expect(await store.users.findByEmail('offline@example.kz')).toMatchObject({ emailConfirmedAt: null });

      failing.refuse(false);
      const retried = await agent.post('/register/sent/resend').type('form').send({ csrf: /name="csrf" value="([^"]+)"/.exec(refused.html)![1], revision: revisionOf(refused.html) });
      expect(retried.text).toContain('Письмо отправлено повторно');
      expect(failing.letters).toHaveLength(1);
      expect((await open(browser(offline.url), confirmationPath(failing.letters[0]!.text))).status).toBe(200);
    } finally {
      await offline.stop();
      await failing.close();
    }
  });

  it('starts from the sign-in screen of an OIDC flow and, once confirmed, returns to it', async () => {
    const agent = browser(kilt.url);
    const authorization = '/auth?' + new URLSearchParams({
      client_id: PORTAL.clientId, redirect_uri: PORTAL.redirectUri, response_type: 'code', scope: 'openid', state: 's',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
    });
    const interaction = (await agent.get(authorization)).headers['location']!;
    const login = (await agent.get(interaction)).text;
    const link = /<a id="register-link" href="([^"]+)"/.exec(login)![1]!.replace(/&amp;/g, '&');
    expect(link).toBe(`/register?interaction=${interaction.split('/').pop()}&ui_locales=ru`);
    const first = await open(agent, link);
    expect(first.html).toContain(`href="${interaction}"`);
    const contacts = await open(agent, (await submitCertificate(agent, first.html, pki.endEntities.individual)).location!);
    await submitContacts(agent, contacts.html, { email: 'flow@example.kz', password: PASSWORD });
    await submitAgreement(agent, (await open(agent, '/register/agreement')).html);
    await expect.poll(() => lettersTo('flow@example.kz').length).toBe(1);
    const confirmed = await open(agent, confirmationPath(lettersTo('flow@example.kz')[0]!.text));
    expect(confirmed.html).toContain(`<a class="button" href="${interaction}">Продолжить вход</a>`);
    expect((await agent.get(interaction)).text).toContain('id="login-form"');
  });

  it('keeps the language the wizard was opened in for the letter, whatever the browser says later', async () => {
    const agent = browser(kilt.url);
    const first = await open(agent, '/register?ui_locales=kk');
    expect(first.html).toContain('Тіркелу');
    const contacts = await open(agent, (await submitCertificate(agent, first.html, pki.endEntities.individual)).location!);
    await submitContacts(agent, contacts.html, { email: 'kazakh@example.kz', password: PASSWORD });
    await submitAgreement(agent, (await open(agent, '/register/agreement')).html);
    await expect.poll(() => lettersTo('kazakh@example.kz').length).toBe(1);
    expect(lettersTo('kazakh@example.kz')[0]!.subject).toBe('Kilt-те тіркелу үшін E-mail растаңыз');
  });
});
