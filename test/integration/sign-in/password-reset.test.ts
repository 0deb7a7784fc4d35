import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Store } from '../../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../../src/provider/client-registration.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { browser } from '../../support/kilt/browser.ts';
import { temporaryDirectory, trustDirectoryOf } from '../../support/kilt/files.ts';
import { csrfOf, errorOf, signInThroughScreens } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../support/mail/smtp-catcher.ts';
import type { TestPki } from '../../support/pki/index.ts';

const PORTAL = { clientId: 'keden', redirectUri: 'http://keden.kilt.test/callback' };
const OLD = 'old password 1';
const NEW = 'new password 2';

/** «Забыли пароль?» over HTTP, with the letters received by a real SMTP server in this process. */
describe('password reset', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let smtp: SmtpCatcher;
  let kilt: TestKilt;

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    await createAccount(store, 'aidar@example.kz', pki.endEntities.individual, OLD);
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], public: true, firstParty: true })));
    smtp = await startSmtpCatcher();
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki), SMTP_URL: smtp.url, MAIL_FROM: 'Kilt <no-reply@kilt.test>', KILT_DATA_DIR: temporaryDirectory('data') } });
  });
  afterAll(async () => {
    await kilt.stop();
    await smtp.close();
  });

  async function ask(email: string) {
    const agent = browser(kilt.url);
    const page = await agent.get('/forgot-password');
    expect(page.text).toContain('id="forgot-password-form"');
    return agent.post('/forgot-password').type('form').send({ csrf: csrfOf(page.text), email });
  }

  const signIn = (password: string) => signInThroughScreens(browser(kilt.url), kilt.url, new URL('/auth?' + new URLSearchParams({
    client_id: PORTAL.clientId, redirect_uri: PORTAL.redirectUri, response_type: 'code', scope: 'openid', state: 's',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
  }), kilt.url), { email: 'aidar@example.kz', password, key: pki.endEntities.individual });

  it('answers an unknown address exactly like a known one, and mails only the known one', async () => {
    const unknown = await ask('nobody@example.kz');
    const known = await ask('aidar@example.kz');
    expect(unknown.status).toBe(200);
    expect(unknown.text).toBe(known.text);
    expect(known.text).toContain('Если этот адрес зарегистрирован');
    await expect.poll(() => smtp.letters.length).toBe(1);
    expect(smtp.letters[0]).toMatchObject({ rcptTo: ['aidar@example.kz'] });
  });

  it('follows the link to a new password once; the old password stops working and a notice arrives', async () => {
    await signIn(OLD);
    const link = /https?:\/\/\S+\/reset-password\/[\w-]+/.exec(smtp.letters[0]!.text)![0];
    const agent = browser(kilt.url);
    const path = new URL(link).pathname;
    const form = await agent.get(path);
    expect(form.text).toContain('id="reset-password-form"');
    const weak = await agent.post(path).type('form').send({ csrf: csrfOf(form.text), password: 'short', password_confirmation: 'short' });
    expect(errorOf(weak.text)).toBe('Пароль должен содержать не менее 8 символов.');
    const done = await agent.post(path).type('form').send({ csrf: csrfOf(form.text), password: NEW, password_confirmation: NEW });
    expect(done.text).toContain('Пароль изменён, все сеансы завершены.');
    const again = await agent.post(path).type('form').send({ csrf: csrfOf(form.text), password: 'another one 3', password_confirmation: 'another one 3' });
    expect(errorOf(again.text)).toContain('уже использована');

    await expect(signIn(OLD)).rejects.toThrow(/Неверный адрес электронной почты или пароль/);
    await expect(signIn(NEW)).resolves.toBeDefined();
    await expect.poll(() => smtp.letters.length).toBe(2);
    expect(smtp.letters[1]!.text).toContain('/forgot-password');
  });
});
