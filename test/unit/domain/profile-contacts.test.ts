import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { argon2Hasher } from '../../../src/adapters/passwords/argon2-hasher.ts';
import { KiltError } from '../../../src/domain/kilt-error.ts';
import { SMS_CODE_TTL_MS, SMS_RESEND_AFTER_MS } from '../../../src/domain/phone/sms-code.ts';
import type { ProfileDependencies, ProfileLetter } from '../../../src/domain/profile/dependencies.ts';
import { EMAIL_CHANGE_TTL_MS } from '../../../src/domain/profile/dependencies.ts';
import { confirmEmailChange, requestEmailChange } from '../../../src/domain/profile/email-change.ts';
import { type PasswordChange, changePassword, passwordChallenge } from '../../../src/domain/profile/password-change.ts';
import { confirmPhoneChange, requestPhoneChange, resendPhoneCode } from '../../../src/domain/profile/phone-change.ts';
import type { Sms } from '../../../src/domain/sms.ts';
import type { NewUser, Store, UserRecord } from '../../../src/domain/store.ts';
import { createPkiVerifier } from '../../../src/pki/create-verifier.ts';
import { type TestEndEntity, type TestPki, cmsToBase64, createTestPki, signCms } from '../../support/pki/index.ts';

const passwords = argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
const PASSWORD = 'old password 1';
const NEW_PASSWORD = 'new password 2';

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
const codeOf = (sms: Sms | undefined) => /\b(\d{6})\b/.exec(sms?.text ?? '')![1]!;
const wrong = (value: string) => String((Number(value) + 1) % 1_000_000).padStart(6, '0');

/** Another account's fields: confirmed, without a phone. */
const newcomer: NewUser = {
  email: 'newcomer@example.kz', emailConfirmedAt: new Date(), passwordHash: 'unused', iin: '010101612409',
  surname: null, givenName: null, patronymic: null, phone: null, locale: 'ru', lockedUntil: null, unconfirmedUntil: null,
};

/** The profile's domain on a memory store, with a clock moved by hand, a real verifier, and captured letters and SMS. */
describe('profile: e-mail, phone and password', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let now: Date;
  let letters: ProfileLetter[];
  let sms: Sms[];
  let smsFails: boolean;
  let lettersFail: boolean;
  let deps: ProfileDependencies;
  let user: UserRecord;

  const advance = (milliseconds: number) => {
    now = new Date(now.getTime() + milliseconds);
  };
  const fresh = async () => (await store.users.findById(user.id))!;

  beforeAll(async () => {
    pki = await createTestPki({ algorithm: 'gost512' });
  });
  beforeEach(async () => {
    now = new Date();
    letters = [];
    sms = [];
    smsFails = false;
    lettersFail = false;
    store = createMemoryStore({ clock: () => now });
    const clock = () => now;
    const limit = (points: number, keyPrefix: string) => store.rateLimiter({ points, durationSeconds: 3600, blockSeconds: 3600, keyPrefix: `${keyPrefix}-${Math.random()}` });
    deps = {
      store,
      verifier: createPkiVerifier({ trusted: [pki.root.der, pki.intermediate.der], revocation: 'off', clock }).verifier,
      passwords,
      sms: {
        sms: {
          async send(message) {
            if (smsFails) throw new Error('Twilio 30003: unreachable');
            sms.push(message);
          },
        },
        perNumber: limit(5, 'sms'),
        audit: store.audit,
        clock,
      },
      async send(letter) {
        if (lettersFail) throw new Error('550 mailbox unavailable');
        letters.push(letter);
      },
      limits: { emailChanges: limit(3, 'email'), passwordFailures: limit(5, 'password') },
      origin: 'https://kilt.example.kz',
      clock,
    };
    user = await store.users.create({
      ...newcomer, email: 'aidar@example.kz', passwordHash: await passwords.hash(PASSWORD), iin: pki.endEntities.individual.person!.iin, givenName: 'АЙДАР',
    });
  });

  describe('e-mail change', () => {
    const secretOf = (letter: ProfileLetter | undefined) => {
      if (letter?.kind !== 'email-change-confirm') throw new Error(`not a link letter: ${letter?.kind}`);
      return letter.link.split('/').at(-1)!;
    };

    it('sends the link and the notice, and confirms the new address within 24 hours, once', async () => {
      await requestEmailChange(deps, user, ' New@Example.kz ', 'kk', '203.0.113.7');
      expect(letters).toMatchObject([
        { kind: 'email-change-confirm', to: 'new@example.kz', locale: 'kk', name: 'АЙДАР', link: expect.stringMatching(/^https:\/\/kilt\.example\.kz\/confirm-email\/[\w-]{43}$/) },
        { kind: 'email-change-requested', to: 'aidar@example.kz', newEmail: 'new@example.kz' },
      ]);
      advance(EMAIL_CHANGE_TTL_MS - 1);
      expect(await confirmEmailChange(deps, secretOf(letters[0]), null)).toMatchObject({ email: 'new@example.kz', emailConfirmedAt: now });
      expect(await code(confirmEmailChange(deps, secretOf(letters[0]), null))).toBe('profile.email_link_invalid');
      expect((await store.audit.listByUser(user.id, 5)).map((event) => event.type)).toEqual(['profile.email_changed', 'profile.email_change_requested']);
    });

    it('lets a link expire after 24 hours', async () => {
      await requestEmailChange(deps, user, 'new@example.kz', 'ru', null);
      advance(EMAIL_CHANGE_TTL_MS);
      expect(await code(confirmEmailChange(deps, secretOf(letters[0]), null))).toBe('profile.email_link_invalid');
      expect((await fresh()).email).toBe('aidar@example.kz');
    });

    it('refuses at the link when another account took the address meanwhile, and when the account has moved on', async () => {
      await requestEmailChange(deps, user, 'wanted@example.kz', 'ru', null);
      const taken = secretOf(letters[0]);
      await store.users.create({ ...newcomer, email: 'wanted@example.kz' });
      expect(await code(confirmEmailChange(deps, taken, null))).toBe('profile.email_taken');

      await requestEmailChange(deps, user, 'other@example.kz', 'ru', null);
      const stale = secretOf(letters.at(-2));
      await store.users.update(user.id, { email: 'moved@example.kz' });
      expect(await code(confirmEmailChange(deps, stale, null))).toBe('profile.email_link_invalid');
      expect((await fresh()).email).toBe('moved@example.kz');
    });

    it('says when the link letter could not be sent', async () => {
      lettersFail = true;
      expect(await refusal(requestEmailChange(deps, user, 'new@example.kz', 'ru', null))).toEqual({ code: 'profile.email_mail_failed', params: { email: 'new@example.kz' } });
    });

    it('withdraws a pending change when the password is changed', async () => {
      await requestEmailChange(deps, user, 'new@example.kz', 'ru', null);
      await changePassword(deps, { user, sessionUid: 'cabinet' }, await signedChange(pki.endEntities.individual), 'ru', null);
      expect(await code(confirmEmailChange(deps, secretOf(letters[0]), null))).toBe('profile.email_link_invalid');
    });
  });

  describe('phone change', () => {
    it('keeps the account\'s number until the code of the new one is entered, which then counts as confirmed', async () => {
      const pending = await requestPhoneChange(deps, user, '+7 (701) 234-56-78', 'ru');
      expect(pending).toMatchObject({ phone: null, phoneChange: { phone: '+77012345678', attempts: 0, expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS) } });
      expect(sms).toEqual([{ to: '+77012345678', text: expect.stringContaining(codeOf(sms[0])) }]);
      expect(await confirmPhoneChange(deps, pending, codeOf(sms[0]), null)).toMatchObject({ phone: '+77012345678', phoneChange: null });
    });

    it('allows five attempts per code, and the code only within five minutes', async () => {
      let pending = await requestPhoneChange(deps, user, '87012345678', 'ru');
      const right = codeOf(sms[0]);
      for (const left of ['4', '3', '2', '1']) {
        expect(await refusal(confirmPhoneChange(deps, pending, wrong(right), null))).toEqual({ code: 'phone.sms_code_wrong', params: { left } });
        pending = await fresh();
      }
      expect(await code(confirmPhoneChange(deps, pending, wrong(right), null))).toBe('phone.sms_too_many_attempts');
      expect(await code(confirmPhoneChange(deps, await fresh(), right, null))).toBe('phone.sms_too_many_attempts');
      advance(SMS_RESEND_AFTER_MS);
      const resent = await resendPhoneCode(deps, await fresh(), 'ru');
      advance(SMS_CODE_TTL_MS);
      expect(await code(confirmPhoneChange(deps, resent, codeOf(sms[1]), null))).toBe('phone.sms_code_expired');
      expect((await fresh()).phone).toBeNull();
    });

    it('spends an attempt once however many guesses arrive together', async () => {
      const pending = await requestPhoneChange(deps, user, '87012345678', 'ru');
      const guesses = await Promise.all([1, 2, 3].map(() => refusal(confirmPhoneChange(deps, pending, wrong(codeOf(sms[0])), null))));
      expect(guesses.map((guess) => guess.code).sort()).toEqual(['phone.sms_code_wrong', 'profile.stale', 'profile.stale']);
      expect((await fresh()).phoneChange?.attempts).toBe(1);
    });

    it('forgets a code whose SMS failed for the one pending before, so that it can be sent again at once', async () => {
      smsFails = true;
      expect(await code(requestPhoneChange(deps, user, '87012345678', 'ru'))).toBe('phone.sms_failed');
      expect((await fresh()).phoneChange).toBeNull();
      expect((await store.audit.listByUser(user.id, 1))[0]).toMatchObject({ type: 'sms.failed' });
      smsFails = false;
      const pending = await requestPhoneChange(deps, await fresh(), '87012345678', 'ru');
      advance(SMS_RESEND_AFTER_MS);
      smsFails = true;
      expect(await code(resendPhoneCode(deps, pending, 'ru'))).toBe('phone.sms_failed');
      expect((await fresh()).phoneChange).toEqual(pending.phoneChange);
      expect(await confirmPhoneChange(deps, await fresh(), codeOf(sms[0]), null)).toMatchObject({ phone: '+77012345678' });
    });

    it('waits 60 s between codes and refuses nonsense, the same number and a resend with nothing pending', async () => {
      expect(await code(resendPhoneCode(deps, user, 'ru'))).toBe('phone.sms_code_expired');
      expect(await code(requestPhoneChange(deps, user, '+7 123 456 78 90', 'ru'))).toBe('phone.invalid');
      const pending = await requestPhoneChange(deps, user, '87012345678', 'ru');
      advance(SMS_RESEND_AFTER_MS - 1_500);
      expect(await refusal(resendPhoneCode(deps, pending, 'ru'))).toEqual({ code: 'phone.sms_resend_wait', params: { seconds: '2' } });
      const confirmed = await confirmPhoneChange(deps, pending, codeOf(sms[0]), null);
      expect(await code(requestPhoneChange(deps, confirmed, '+77012345678', 'ru'))).toBe('profile.phone_same');
    });
  });

  async function signedChange(key: TestEndEntity, overrides: Partial<PasswordChange> = {}, sessionUid = 'cabinet'): Promise<PasswordChange> {
    const challenge = await passwordChallenge(deps, sessionUid);
    const cms = cmsToBase64(signCms(new Uint8Array(Buffer.from(challenge.base64, 'base64')), key, { signingTime: now }));
    return { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmation: NEW_PASSWORD, cms, challengeId: challenge.id, ...overrides };
  }

  describe('password change', () => {
    const session = (uid: string) => ({ kind: 'Session', jti: `jti-${uid}`, uid, accountId: user.id });

    it('ends every other session and every grant, keeps this one, and tells the person', async () => {
      const sessions = new store.oidcAdapter('Session');
      await sessions.upsert('jti-cabinet', session('cabinet'), 3600);
      await sessions.upsert('jti-phone', session('phone'), 3600);
      await new store.oidcAdapter('Grant').upsert('g-1', { kind: 'Grant', jti: 'g-1', accountId: user.id, clientId: 'keden' }, 3600);
      await new store.oidcAdapter('RefreshToken').upsert('r-1', { kind: 'RefreshToken', jti: 'r-1', grantId: 'g-1', accountId: user.id }, 3600);

      await changePassword(deps, { user, sessionUid: 'cabinet' }, await signedChange(pki.endEntities.individual), 'en', '203.0.113.7');

      expect(await passwords.verify((await fresh()).passwordHash, NEW_PASSWORD)).toBe(true);
      expect(await sessions.find('jti-cabinet')).toBeDefined();
      expect(await sessions.find('jti-phone')).toBeUndefined();
      expect(await new store.oidcAdapter('RefreshToken').find('r-1')).toBeUndefined();
      expect(letters).toEqual([{ kind: 'password-changed-in-cabinet', to: 'aidar@example.kz', locale: 'en', name: 'АЙДАР' }]);
      expect((await store.audit.listByUser(user.id, 1))[0]).toMatchObject({ type: 'password.changed', ip: '203.0.113.7', details: { method: 'cabinet' } });
    });

    it('takes only this session\'s challenge, once', async () => {
      const change = await signedChange(pki.endEntities.individual, {}, 'another-session');
      expect(await code(changePassword(deps, { user, sessionUid: 'cabinet' }, change, 'ru', null))).toBe('login.challenge_invalid');
      const own = await signedChange(pki.endEntities.individual);
      await changePassword(deps, { user, sessionUid: 'cabinet' }, own, 'ru', null);
      expect(await code(changePassword(deps, { user: await fresh(), sessionUid: 'cabinet' }, { ...own, currentPassword: NEW_PASSWORD, newPassword: 'third password 3', confirmation: 'third password 3' }, 'ru', null))).toBe('login.challenge_invalid');
    });

    it('checks the new password by the rules of every password form before anything is signed', async () => {
      const change = await signedChange(pki.endEntities.individual);
      expect(await code(changePassword(deps, { user, sessionUid: 'cabinet' }, { ...change, newPassword: 'short1', confirmation: 'short1' }, 'ru', null))).toBe('password.too_short');
      expect(await code(changePassword(deps, { user, sessionUid: 'cabinet' }, { ...change, newPassword: PASSWORD, confirmation: PASSWORD }, 'ru', null))).toBe('profile.password_same');
      // Refusals before the proof leave the challenge for the corrected form.
      await changePassword(deps, { user, sessionUid: 'cabinet' }, change, 'ru', null);
    });

    it('locks for a while after five failed proofs', async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        expect(await code(changePassword(deps, { user, sessionUid: 'cabinet' }, await signedChange(pki.endEntities.individual, { currentPassword: 'guess 123' }), 'ru', null))).toBe('profile.password_wrong');
      }
      expect(await refusal(changePassword(deps, { user, sessionUid: 'cabinet' }, await signedChange(pki.endEntities.individual), 'ru', null))).toEqual({ code: 'profile.password_locked', params: { minutes: '60' } });
      expect(await passwords.verify((await fresh()).passwordHash, PASSWORD)).toBe(true);
    });

    it('cannot change it where no NCA signature can be checked', async () => {
      const change = await signedChange(pki.endEntities.individual);
      expect(await code(changePassword({ ...deps, verifier: undefined }, { user, sessionUid: 'cabinet' }, change, 'ru', null))).toBe('profile.signing_unavailable');
    });
  });
});
