import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Store } from '../../../src/domain/store.ts';
import { testPki } from '../../support/kilt/accounts.ts';
import { type Browser, browser } from '../../support/kilt/browser.ts';
import { temporaryDirectory, trustDirectoryOf } from '../../support/kilt/files.ts';
import { type Step, confirmationPath, open, revisionOf, submitAgreement, submitCertificate, submitContacts } from '../../support/kilt/registration.ts';
import { attributeOf, csrfOf, errorOf } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../support/mail/smtp-catcher.ts';
import { type TestEndEntity, type TestPki, cmsToBase64, createTestPki, signCms } from '../../support/pki/index.ts';

const PASSWORD = 'Registration 2026';
const AGREEMENT = { ru: 'Соглашение Kilt о правах использования', kk: 'Kilt пайдалану құқықтары туралы келісім', en: 'Kilt terms of use' };
const SIGNATURE_REQUIRED = 'Подпишите Соглашение ключом ЭЦП: нажмите «Подписать и принять».';
const CONTENT_MISMATCH = 'Подписаны не те данные, которые запросил сервер. Обновите страницу и подпишите ещё раз.';

/** What the agreement page asks NCALayer to sign. */
const documentOf = (html: string) => new Uint8Array(Buffer.from(attributeOf(html, /data-agreement="([^"]+)"/), 'base64'));
const signature = (content: Uint8Array, key: TestEndEntity) => cmsToBase64(signCms(content, key));

async function postSignature(agent: Browser, html: string, cms: string): Promise<Step> {
  const response = await agent.post('/register/agreement').type('form').send({ csrf: csrfOf(html), revision: revisionOf(html), signature: cms });
  return { status: response.status, html: response.text, location: response.headers['location'] };
}

/** KILT_AGREEMENT_SIGNATURE=required (KNP): the agreement is accepted by signing its text with the person's key. */
describe('registration with the agreement signed by the key', () => {
  let smtp: SmtpCatcher;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(async () => {
    await smtp.close();
  });

  async function startKiltTrusting(pki: TestPki): Promise<{ kilt: TestKilt; store: Store }> {
    const store = createMemoryStore();
    await store.agreements.publish(AGREEMENT, new Date());
    const kilt = await startTestKilt({
      store,
      env: {
        KILT_TRUST_DIR: trustDirectoryOf(pki), KILT_AGREEMENT_SIGNATURE: 'required', SMTP_URL: smtp.url, MAIL_FROM: 'Kilt <no-reply@kilt.test>',
        KILT_DATA_DIR: temporaryDirectory('data'),
      },
    });
    return { kilt, store };
  }

  /** Steps 1 and 2 with `key`: the agreement page. */
  async function agreementPage(kilt: TestKilt, key: TestEndEntity, email: string) {
    const agent = browser(kilt.url);
    const certificate = await submitCertificate(agent, (await open(agent, '/register')).html, key);
    expect(certificate.location, errorOf(certificate.html)).toBe('/register/contacts');
    const contacts = await submitContacts(agent, (await open(agent, certificate.location!)).html, { email, password: PASSWORD });
    expect(contacts.location, errorOf(contacts.html)).toBe('/register/agreement');
    return { agent, page: await open(agent, '/register/agreement') };
  }

  /** Follows the link of the letter to `email` and returns the confirmed account's agreement history. */
  async function confirmAndReadHistory(kilt: TestKilt, store: Store, email: string) {
    await expect.poll(() => smtp.letters.filter((letter) => letter.rcptTo.includes(email)).length).toBe(1);
    const letter = smtp.letters.find((candidate) => candidate.rcptTo.includes(email))!;
    expect((await open(browser(kilt.url), confirmationPath(letter.text))).html).toContain('Регистрация успешно завершена');
    const user = await store.users.findByEmail(email);
    expect(user?.emailConfirmedAt).toBeInstanceOf(Date);
    return store.agreements.history(user!.id);
  }

  describe('with a GOST key', () => {
    let pki: TestPki<'gost512'>;
    let kilt: TestKilt;
    let store: Store;

    beforeAll(async () => {
      pki = await testPki();
      ({ kilt, store } = await startKiltTrusting(pki));
    });
    afterAll(async () => {
      await kilt.stop();
    });

    it('asks to sign the text with a line naming the version, this registration and the IIN', async () => {
      const key = pki.endEntities.individual;
      const { page } = await agreementPage(kilt, key, 'shown@example.kz');
      expect(page.html).toContain('id="sign-agreement"');
      expect(page.html).toContain('Подписать и принять');
      expect(page.html).not.toContain('name="decision"');

      const document = new TextDecoder().decode(documentOf(page.html));
      const footer = /^Соглашение Kilt о правах использования\n\nСоглашение версии 1 принято при регистрации ([A-Za-z0-9_-]+), ИИН (\d{12})\.\n$/.exec(document);
      expect(footer, document).not.toBeNull();
      expect(footer![2]).toBe(key.person!.iin);
      expect(await store.registrations.find(footer![1]!, new Date())).toMatchObject({ step: 'agreement', email: 'shown@example.kz', person: { iin: key.person!.iin } });
    });

    it('refuses to accept without a signature, creating no account', async () => {
      const { agent, page } = await agreementPage(kilt, pki.endEntities.individual, 'unsigned@example.kz');
      for (const refused of [await submitAgreement(agent, page.html), await postSignature(agent, page.html, '')]) {
        expect(refused.status).toBe(400);
        expect(errorOf(refused.html)).toBe(SIGNATURE_REQUIRED);
        expect(refused.html).toContain('data-agreement=');
      }
      expect(await store.users.findByEmail('unsigned@example.kz')).toBeNull();
    });

    it("refuses the agreement signed with another person's key", async () => {
      const key = pki.endEntities.individual;
      const { agent, page } = await agreementPage(kilt, key, 'other-key@example.kz');
      const refused = await postSignature(agent, page.html, signature(documentOf(page.html), pki.endEntities.signingRight));
      expect(refused.status).toBe(400);
      expect(errorOf(refused.html)).toBe(`Соглашение подписано ключом другого человека. Подпишите его своим ключом (ИИН ${key.person!.iin}).`);
      expect(await store.users.findByEmail('other-key@example.kz')).toBeNull();
    });

    it('refuses a signature of another text: the bare agreement, or the document of another registration', async () => {
      const key = pki.endEntities.firstHead;
      const { agent, page } = await agreementPage(kilt, key, 'first@example.kz');
      const { page: elsewhere } = await agreementPage(kilt, key, 'second@example.kz');
      expect(documentOf(elsewhere.html)).not.toEqual(documentOf(page.html));

      for (const content of [new TextEncoder().encode(AGREEMENT.ru), documentOf(elsewhere.html)]) {
        const refused = await postSignature(agent, page.html, signature(content, key));
        expect(refused.status).toBe(400);
        expect(errorOf(refused.html)).toBe(CONTENT_MISMATCH);
      }
      expect(await store.users.findByEmail('first@example.kz')).toBeNull();
      // The page's own document, signed by the same key, is taken.
      expect((await postSignature(agent, page.html, signature(documentOf(page.html), key))).location).toBe('/register/sent');
    });

    it('keeps the signed CMS as the evidence of the acceptance', async () => {
      const key = pki.endEntities.employee;
      await store.organizations.upsert({ bin: key.organization!.bin, name: key.organization!.name });
      await store.participants.add({ organizationBin: key.organization!.bin, iin: key.person!.iin, role: 'declarant', status: 'added' });
      const { agent, page } = await agreementPage(kilt, key, 'signed@example.kz');
      const cms = signature(documentOf(page.html), key);
      const sent = await postSignature(agent, page.html, cms);
      expect(sent.location, errorOf(sent.html)).toBe('/register/sent');
      expect(await confirmAndReadHistory(kilt, store, 'signed@example.kz')).toEqual([
        { userId: expect.any(String), version: 1, method: 'signature', acceptedAt: expect.any(Date), evidence: cms },
      ]);
    });
  });

  describe('with RSA keys (AUTH and SIGN pairs)', () => {
    let pki: TestPki<'rsa'>;
    let kilt: TestKilt;
    let store: Store;

    beforeAll(async () => {
      pki = await createTestPki({ algorithm: 'rsa' });
      ({ kilt, store } = await startKiltTrusting(pki));
    });
    afterAll(async () => {
      await kilt.stop();
    });

    it('starts with either key, and takes the agreement signed with the SIGN key only', async () => {
      const withSignKey = browser(kilt.url);
      expect((await submitCertificate(withSignKey, (await open(withSignKey, '/register')).html, pki.endEntities.individualSign)).location).toBe('/register/contacts');

      const { agent, page } = await agreementPage(kilt, pki.endEntities.individual, 'rsa@example.kz');
      const document = documentOf(page.html);
      const withAuthKey = await postSignature(agent, page.html, signature(document, pki.endEntities.individual));
      expect(withAuthKey.status).toBe(400);
      expect(errorOf(withAuthKey.html)).toBe('Этот ключ не подходит для этого действия: для входа нужен ключ аутентификации (AUTH_RSA256 или ГОСТ), для подписи — ключ подписи.');
      expect(await store.users.findByEmail('rsa@example.kz')).toBeNull();

      const cms = signature(document, pki.endEntities.individualSign);
      expect((await postSignature(agent, withAuthKey.html, cms)).location).toBe('/register/sent');
      expect(await confirmAndReadHistory(kilt, store, 'rsa@example.kz')).toMatchObject([{ version: 1, method: 'signature', evidence: cms }]);
    });
  });
});
