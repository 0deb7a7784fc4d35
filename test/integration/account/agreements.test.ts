import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Store } from '../../../src/domain/store.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { type Browser, browser } from '../../support/kilt/browser.ts';
import { signInToCabinet } from '../../support/kilt/cabinet.ts';
import { temporaryDirectory, trustDirectoryOf } from '../../support/kilt/files.ts';
import { confirmationPath, open, submitAgreement, submitCertificate, submitContacts } from '../../support/kilt/registration.ts';
import { errorOf } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../support/mail/smtp-catcher.ts';
import type { TestEndEntity, TestPki } from '../../support/pki/index.ts';

const PASSWORD = 'Registration 2026';
const AGREEMENT = { ru: 'Соглашение Kilt о правах использования', kk: 'Kilt пайдалану құқықтары туралы келісім', en: 'Kilt terms of use' };

const binary = (response: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

const download = (agent: Browser, path: string) => agent.get(path).buffer(true).parse(binary);

/** «Соглашения»: the versions a person accepted, and the signed agreement as a file where it was signed. */
describe('personal cabinet: agreement history', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;
  let smtp: SmtpCatcher;

  beforeAll(async () => {
    pki = await testPki();
    smtp = await startSmtpCatcher();
    store = createMemoryStore();
    await store.agreements.publish(AGREEMENT, new Date());
    kilt = await startTestKilt({
      store,
      env: {
        KILT_TRUST_DIR: trustDirectoryOf(pki), KILT_AGREEMENT_SIGNATURE: 'required', SMTP_URL: smtp.url, MAIL_FROM: 'Kilt <no-reply@kilt.test>',
        KILT_DATA_DIR: temporaryDirectory('data'),
      },
    });
  });
  afterAll(async () => {
    await kilt.stop();
    await smtp.close();
  });

  /** The whole wizard with the agreement signed by `key`; returns the CMS it posted (base64). */
  async function registerSigning(key: TestEndEntity, email: string): Promise<string> {
    const agent = browser(kilt.url);
    const certificate = await submitCertificate(agent, (await open(agent, '/register')).html, key);
    const contacts = await submitContacts(agent, (await open(agent, certificate.location!)).html, { email, password: PASSWORD });
    expect(contacts.location, errorOf(contacts.html)).toBe('/register/agreement');
    const page = await open(agent, '/register/agreement');
    const sent = await submitAgreement(agent, page.html, key);
    expect(sent.location, errorOf(sent.html)).toBe('/register/sent');
    await expect.poll(() => smtp.letters.filter((letter) => letter.rcptTo.includes(email)).length).toBe(1);
    const letter = smtp.letters.find((candidate) => candidate.rcptTo.includes(email))!;
    await open(browser(kilt.url), confirmationPath(letter.text));
    const [acceptance] = await store.agreements.history((await store.users.findByEmail(email))!.id);
    return acceptance!.evidence!;
  }

  it('shows the signed acceptance and gives its CMS as a .p7s attachment; a button acceptance has none', async () => {
    const key = pki.endEntities.individual;
    const cms = await registerSigning(key, 'signed@example.kz');
    const agent = browser(kilt.url);
    await signInToCabinet(agent, kilt.url, { email: 'signed@example.kz', password: PASSWORD, key });

    const page = await agent.get('/account/agreements');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<tr class="acceptance" data-version="1" data-method="signature">/);
    expect(page.text).toContain('подписано ЭЦП');
    expect(page.text).toContain('href="/account/agreements/1/signature"');

    const file = await download(agent, '/account/agreements/1/signature');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pkcs7-signature');
    expect(file.headers['content-disposition']).toBe('attachment; filename="kilt-agreement-v1.p7s"');
    expect(Buffer.compare(file.body as Buffer, Buffer.from(cms, 'base64'))).toBe(0);
    expect((await download(agent, '/account/agreements/2/signature')).status).toBe(404);
    expect((await download(agent, '/account/agreements/first/signature')).status).toBe(404);
  });

  it("offers no signature for an acceptance by the button, and cannot fetch another person's", async () => {
    await registerSigning(pki.endEntities.firstHead, 'head@example.kz');
    await createAccount(store, 'clicked@example.kz', pki.endEntities.signingRight, PASSWORD);
    const agent = browser(kilt.url);
    await signInToCabinet(agent, kilt.url, { email: 'clicked@example.kz', password: PASSWORD, key: pki.endEntities.signingRight });

    const page = await agent.get('/account/agreements');
    expect(page.text).toMatch(/<tr class="acceptance" data-version="1" data-method="click">/);
    expect(page.text).toContain('кнопкой «Я принимаю»');
    expect(page.text).not.toContain('/signature"');
    expect((await download(agent, '/account/agreements/1/signature')).status).toBe(404);
  });

  it('sends a stranger to sign in instead of giving a file', async () => {
    expect((await browser(kilt.url).get('/account/agreements/1/signature')).headers['location']).toBe('/account/login');
  });
});
