import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { KiltError } from '../../../src/domain/kilt-error.ts';
import { confirmRegistration } from '../../../src/domain/registration/confirm.ts';
import { REGISTRATION_TTL_MS } from '../../../src/domain/registration/dependencies.ts';
import { acceptAgreement } from '../../../src/domain/registration/agreement.ts';
import { SMS_CODE_TTL_MS, SMS_RESEND_AFTER_MS } from '../../../src/domain/phone/sms-code.ts';
import { confirmSmsCode, sendSmsCode } from '../../../src/domain/registration/sms-code.ts';
import type { Store } from '../../../src/domain/store.ts';
import { type RegistrationDomain, registrationDomain, secretOf } from '../../support/kilt/registration-domain.ts';
import { TEST_ORGANIZATION, type TestPki, createTestPki } from '../../support/pki/index.ts';

const HOUR = 3_600_000;

/** The code of a refusal (registration.*, pki.*, login.*); fails the test when the call succeeds. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; params: Readonly<Record<string, string>> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KiltError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a refusal');
}
const code = async (promise: Promise<unknown>) => (await refusal(promise)).code;

describe('registration (domain), on a clock the test moves', () => {
  let pki: TestPki<'gost512'>;
  let now: Date;
  let store: Store;
  let domain: RegistrationDomain;
  const clock = () => now;
  const advance = (milliseconds: number) => {
    now = new Date(now.getTime() + milliseconds);
  };

  beforeAll(async () => {
    pki = await createTestPki({ algorithm: 'gost512' });
  });
  beforeEach(async () => {
    now = new Date();
    store = createMemoryStore({ clock });
    await store.agreements.publish({ ru: 'Соглашение', kk: 'Келісім', en: 'Agreement' }, now);
    domain = registrationDomain(store, clock, pki);
  });

  const confirm = (secret: string) => confirmRegistration(domain.deps, secret, '203.0.113.7');

  describe('the 24 hours of a registration', () => {
    it('activates the account by the link within 24 hours of the letter, once', async () => {
      const key = pki.endEntities.individual;
      // Most of a day spent on the first steps does not shorten the link's day.
      const started = await domain.start(key);
      advance(20 * HOUR);
      await acceptAgreement(domain.deps, await domain.contacts(started, 'aidar@example.kz'), undefined);
      const secret = secretOf(domain.letters.at(-1)!);
      advance(REGISTRATION_TTL_MS - 1);
      const confirmed = await confirm(secret);
      expect(confirmed.user).toMatchObject({ email: 'aidar@example.kz', emailConfirmedAt: now, unconfirmedUntil: null });
      expect(await store.agreements.history(confirmed.user.id)).toMatchObject([{ version: 1, method: 'click', evidence: null }]);
      expect(await code(confirm(secret))).toBe('registration.link_invalid');
      // Confirmed accounts do not expire.
      advance(48 * HOUR);
      expect(await store.users.findByEmail('aidar@example.kz')).toMatchObject({ id: confirmed.user.id });
    });

    it('lets the link, the account and the registration expire after 24 hours, freeing the e-mail and the IIN', async () => {
      const key = pki.endEntities.individual;
      const { registration, secret } = await domain.register(key, 'late@example.kz');
      advance(REGISTRATION_TTL_MS);
      expect(await code(confirm(secret))).toBe('registration.link_invalid');
      expect(await store.users.findByEmail('late@example.kz')).toBeNull();
      expect(await store.users.findByIin(key.person!.iin)).toBeNull();
      expect(await store.registrations.find(registration.id, now)).toBeNull();

      // Someone else may take the e-mail, and the person may register again.
      const other = await domain.register(pki.endEntities.signingRight, 'late@example.kz', 'register:browser-2');
      expect((await confirm(other.secret)).user.iin).toBe(pki.endEntities.signingRight.person!.iin);
      const again = await domain.register(key, 'late-again@example.kz');
      expect((await confirm(again.secret)).user).toMatchObject({ iin: key.person!.iin, email: 'late-again@example.kz' });
    });

    it('forgets a registration left unfinished for 24 hours', async () => {
      const registration = await domain.start(pki.endEntities.individual);
      advance(REGISTRATION_TTL_MS - 1);
      expect(await store.registrations.find(registration.id, now)).not.toBeNull();
      advance(1);
      expect(await store.registrations.find(registration.id, now)).toBeNull();
      expect(await code(domain.contacts(registration, 'slow@example.kz'))).toBe('registration.stale');
      expect(await store.users.findByEmail('slow@example.kz')).toBeNull();
    });

    it('starts over when the key holder registers again while the letter waits: the old link no longer works', async () => {
      const key = pki.endEntities.individual;
      const first = await domain.register(key, 'aidar@example.kz');
      const waiting = (await store.users.findByIin(key.person!.iin))!;

      const restarted = await domain.start(key, 'register:browser-2');
      expect(restarted.step).toBe('contacts');
      expect(await store.users.findById(waiting.id)).toBeNull();
      expect(await code(confirm(first.secret))).toBe('registration.link_invalid');
      // The first browser's wizard is over too: «Отправить письмо повторно» there would only send dead links.
      expect(await store.registrations.find(first.registration.id, now)).toBeNull();

      // The e-mail of the discarded account is free for the new registration.
      const atAgreement = await domain.contacts(restarted, 'aidar@example.kz');
      await acceptAgreement(domain.deps, atAgreement, undefined);
      const confirmed = await confirm(secretOf(domain.letters.at(-1)!));
      expect(confirmed.user).toMatchObject({ iin: key.person!.iin, email: 'aidar@example.kz' });
      expect(confirmed.user.id).not.toBe(waiting.id);

      // Once confirmed, the IIN has an account: registering again is refused.
      expect(await code(domain.start(key, 'register:browser-3'))).toBe('registration.iin_taken');
      expect(await store.users.findById(confirmed.user.id)).not.toBeNull();
    });
  });

  describe('SMS codes', () => {
    const NUMBER = '+77012345678';

    beforeEach(() => {
      domain = registrationDomain(store, clock, pki, { phone: 'required', agreementSignature: 'off' });
    });

    async function atPhone(phone = '8 701 234 56 78', binding?: string) {
      const registration = await domain.contacts(await domain.start(pki.endEntities.individual, binding), 'aidar@example.kz', phone);
      expect(registration).toMatchObject({ step: 'phone', phone: NUMBER, sms: null });
      return registration;
    }
    const lastCode = () => /\b(\d{6})\b/.exec(domain.sms.at(-1)!.text)![1]!;

    it('sends a 6-digit code to the number, and a new one not sooner than 60 s later, which replaces it', async () => {
      let registration = await sendSmsCode(domain.deps, await atPhone());
      expect(domain.sms).toEqual([{ to: NUMBER, text: expect.stringMatching(/^Kilt: код подтверждения \d{6}\. /) }]);
      const first = lastCode();
      expect(registration.sms).toMatchObject({ phone: NUMBER, sentAt: now, expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS), attempts: 0 });
      // Only a hash of the code is kept.
      expect(registration.sms!.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.values(registration.sms!)).not.toContain(first);

      expect(await refusal(sendSmsCode(domain.deps, registration))).toEqual({ code: 'phone.sms_resend_wait', params: { seconds: '60' } });
      advance(SMS_RESEND_AFTER_MS - 1_500);
      expect(await refusal(sendSmsCode(domain.deps, registration))).toEqual({ code: 'phone.sms_resend_wait', params: { seconds: '2' } });
      advance(1_500);
      registration = await sendSmsCode(domain.deps, registration);
      expect(domain.sms).toHaveLength(2);
      if (lastCode() !== first) expect(await refusal(confirmSmsCode(domain.deps, registration, first))).toEqual({ code: 'phone.sms_code_wrong', params: { left: '4' } });
      const current = (await store.registrations.find(registration.id, now))!;
      expect(await confirmSmsCode(domain.deps, current, lastCode())).toMatchObject({ step: 'agreement', phone: NUMBER, sms: null });
    });

    it('lets a code expire after 5 minutes', async () => {
      const registration = await sendSmsCode(domain.deps, await atPhone());
      advance(SMS_CODE_TTL_MS);
      expect(await code(confirmSmsCode(domain.deps, registration, lastCode()))).toBe('phone.sms_code_expired');
      const renewed = await sendSmsCode(domain.deps, registration);
      advance(SMS_CODE_TTL_MS - 1);
      expect(await confirmSmsCode(domain.deps, renewed, lastCode())).toMatchObject({ step: 'agreement' });
    });

    it('takes five guesses per code; after them only a new code helps', async () => {
      let registration = await sendSmsCode(domain.deps, await atPhone());
      const right = lastCode();
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
      const answers = [];
      for (let guess = 0; guess < 5; guess++) {
        answers.push(await refusal(confirmSmsCode(domain.deps, registration, wrong)));
        registration = (await store.registrations.find(registration.id, now))!;
      }
      expect(answers).toEqual([
        ...['4', '3', '2', '1'].map((left) => ({ code: 'phone.sms_code_wrong', params: { left } })),
        { code: 'phone.sms_too_many_attempts', params: {} },
      ]);
      expect(await code(confirmSmsCode(domain.deps, registration, right))).toBe('phone.sms_too_many_attempts');
      advance(SMS_RESEND_AFTER_MS);
      registration = await sendSmsCode(domain.deps, registration);
      expect(await confirmSmsCode(domain.deps, registration, lastCode())).toMatchObject({ step: 'agreement' });
    });

    it('counts every guess even when they come at once', async () => {
      const registration = await sendSmsCode(domain.deps, await atPhone());
      const wrong = String((Number(lastCode()) + 1) % 1_000_000).padStart(6, '0');
      const answers = await Promise.all(Array.from({ length: 3 }, () => refusal(confirmSmsCode(domain.deps, registration, wrong))));
      // One guess from the form's revision is counted; the others found the record changed under them.
      expect(answers.map((answer) => answer.code).sort()).toEqual(['phone.sms_code_wrong', 'registration.stale', 'registration.stale']);
      expect((await store.registrations.find(registration.id, now))!.sms!.attempts).toBe(1);
    });

    it('sends at most five codes an hour to one number, whichever registration asks', async () => {
      let registration = await sendSmsCode(domain.deps, await atPhone());
      for (let sent = 2; sent <= 5; sent++) {
        advance(SMS_RESEND_AFTER_MS);
        registration = await sendSmsCode(domain.deps, registration);
      }
      advance(SMS_RESEND_AFTER_MS);
      const limited = await refusal(sendSmsCode(domain.deps, registration));
      expect(limited.code).toBe('phone.sms_send_limit');
      expect(Number(limited.params['minutes'])).toBeGreaterThanOrEqual(55);
      expect(await code(sendSmsCode(domain.deps, await atPhone('+7 701 234 56 78', 'register:browser-2')))).toBe('phone.sms_send_limit');
      expect(domain.sms).toHaveLength(5);
      // Another number is not limited by this one.
      const other = await domain.contacts(await domain.start(pki.endEntities.signingRight, 'register:browser-3'), 'nurlan@example.kz', '+7 777 000 11 22');
      await sendSmsCode(domain.deps, other);
      expect(domain.sms.at(-1)!.to).toBe('+77770001122');
    });

    it('forgets a code whose SMS failed, so that it can be sent again at once', async () => {
      const registration = await atPhone();
      const failing = { ...domain.deps, sms: { send: () => Promise.reject(new Error('Twilio 30003: unreachable')) } };
      expect(await code(sendSmsCode(failing, registration))).toBe('phone.sms_failed');
      const after = (await store.registrations.find(registration.id, now))!;
      expect(after.sms).toBeNull();
      const resent = await sendSmsCode(domain.deps, after);
      expect(await confirmSmsCode(domain.deps, resent, lastCode())).toMatchObject({ step: 'agreement' });
    });
  });

  describe('companies at confirmation', () => {
    it('confirms the account of a head excluded meanwhile, without the company', async () => {
      const head = pki.endEntities.firstHead;
      const { registration, secret } = await domain.register(head, 'head@example.kz');
      expect(registration.kind).toBe('company_head');
      // Another administrator registered the company first and excluded this head.
      await store.organizations.upsert({ bin: TEST_ORGANIZATION.bin, name: TEST_ORGANIZATION.name });
      await store.participants.add({ organizationBin: TEST_ORGANIZATION.bin, iin: head.person!.iin, role: 'head', status: 'excluded' });

      const confirmed = await confirm(secret);
      expect(confirmed.organization).toBeNull();
      expect(confirmed.user.emailConfirmedAt).toEqual(now);
      expect(await store.participants.find(TEST_ORGANIZATION.bin, head.person!.iin)).toMatchObject({ status: 'excluded' });
      const audit = await store.audit.listByUser(confirmed.user.id, 10);
      expect(audit.map((event) => event.type)).toEqual(['registration.confirmed', 'registration.company_refused', 'registration.submitted']);
      expect(audit[1]!.details).toMatchObject({ bin: TEST_ORGANIZATION.bin, status: 'excluded' });
    });

    it('confirms an employee excluded meanwhile as a person only', async () => {
      const employee = pki.endEntities.employee;
      await store.organizations.upsert({ bin: TEST_ORGANIZATION.bin, name: TEST_ORGANIZATION.name });
      const added = await store.participants.add({ organizationBin: TEST_ORGANIZATION.bin, iin: employee.person!.iin, role: 'declarant', status: 'added' });
      const { secret } = await domain.register(employee, 'employee@example.kz');
      await store.participants.changeStatus(added.id, 'added', 'excluded');

      const confirmed = await confirm(secret);
      expect(confirmed.organization).toBeNull();
      expect(await store.participants.find(TEST_ORGANIZATION.bin, employee.person!.iin)).toMatchObject({ status: 'excluded' });
      expect((await store.audit.listByUser(confirmed.user.id, 10)).map((event) => event.type)).toContain('registration.company_refused');
    });

    it('registers the company of a head with the head as its registered participant', async () => {
      const { secret } = await domain.register(pki.endEntities.signingRight, 'omarov@example.kz');
      const confirmed = await confirm(secret);
      expect(confirmed.organization).toEqual({ bin: TEST_ORGANIZATION.bin, name: TEST_ORGANIZATION.name });
      expect(await store.participants.find(TEST_ORGANIZATION.bin, pki.endEntities.signingRight.person!.iin)).toMatchObject({ role: 'head', status: 'registered' });
    });
  });
});
