import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { argon2Hasher } from '../../../src/adapters/passwords/argon2-hasher.ts';
import { type PasswordResetDependencies, type PasswordResetLetter, PasswordError, RESET_LINK_TTL_MS, requestPasswordReset, resetPassword } from '../../../src/domain/password-reset.ts';
import type { Store, UserRecord } from '../../../src/domain/store.ts';

const passwords = argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PasswordError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('password reset', () => {
  let store: Store;
  let now: Date;
  let letters: PasswordResetLetter[];
  let deps: PasswordResetDependencies;
  let user: UserRecord;

  beforeEach(async () => {
    now = new Date();
    letters = [];
    store = createMemoryStore({ clock: () => now });
    deps = {
      store, passwords, origin: 'https://kilt.example', clock: () => now,
      letters: store.rateLimiter({ points: 3, durationSeconds: 3600, blockSeconds: 3600, keyPrefix: 'password-reset' }),
      send: async (letter) => void letters.push(letter),
    };
    user = await store.users.create({
      email: 'aidar@example.kz', emailConfirmedAt: now, passwordHash: await passwords.hash('old password 1'), iin: '900515301201',
      surname: 'ИСКАКОВ', givenName: 'АЙДАР', patronymic: null, phone: null, locale: 'ru', lockedUntil: null, unconfirmedUntil: null,
    });
  });

  const secretOf = (letter: PasswordResetLetter | undefined) => {
    if (letter?.name !== 'password-reset') throw new Error('no reset letter');
    return letter.link.split('/').at(-1)!;
  };

  it('sends a link only to a registered address, and answers alike for any other', async () => {
    await requestPasswordReset(deps, 'nobody@example.kz', 'ru');
    expect(letters).toEqual([]);
    await requestPasswordReset(deps, ' Aidar@Example.kz', 'kk');
    expect(letters).toMatchObject([{ name: 'password-reset', to: 'aidar@example.kz', locale: 'kk', link: expect.stringMatching(/^https:\/\/kilt\.example\/reset-password\/[\w-]{43}$/) }]);
  });

  it('sets the new password once, ends every session and tells the person', async () => {
    await new store.oidcAdapter('Session').upsert('s-1', { kind: 'Session', jti: 's-1', uid: 'u-1', accountId: user.id }, 3600);
    await requestPasswordReset(deps, 'aidar@example.kz', 'ru');
    const secret = secretOf(letters[0]);
    await resetPassword(deps, secret, 'new password 2', 'new password 2', 'ru');
    const changed = (await store.users.findById(user.id))!;
    expect(await passwords.verify(changed.passwordHash, 'new password 2')).toBe(true);
    expect(await new store.oidcAdapter('Session').find('s-1')).toBeUndefined();
    expect(letters.at(-1)).toMatchObject({ name: 'password-changed', to: 'aidar@example.kz' });
    expect(await refusal(resetPassword(deps, secret, 'third password 3', 'third password 3', 'ru'))).toBe('reset.link_invalid');
  });

  it('refuses weak or mismatched passwords without using the link up', async () => {
    await requestPasswordReset(deps, 'aidar@example.kz', 'ru');
    const secret = secretOf(letters[0]);
    expect(await refusal(resetPassword(deps, secret, 'short1', 'short1', 'ru'))).toBe('password.too_short');
    expect(await refusal(resetPassword(deps, secret, 'onlyletters', 'onlyletters', 'ru'))).toBe('password.too_simple');
    expect(await refusal(resetPassword(deps, secret, 'new password 2', 'new password 3', 'ru'))).toBe('password.mismatch');
    await expect(resetPassword(deps, secret, 'new password 2', 'new password 2', 'ru')).resolves.toBeUndefined();
  });

  it('refuses a link after an hour', async () => {
    await requestPasswordReset(deps, 'aidar@example.kz', 'ru');
    now = new Date(now.getTime() + RESET_LINK_TTL_MS);
    expect(await refusal(resetPassword(deps, secretOf(letters[0]), 'new password 2', 'new password 2', 'ru'))).toBe('reset.link_invalid');
  });

  it('stores only a hash of the link and sends at most three letters an hour to one address', async () => {
    for (let i = 0; i < 5; i++) await requestPasswordReset(deps, 'aidar@example.kz', 'ru');
    expect(letters).toHaveLength(3);
    const secret = secretOf(letters[0]);
    expect(await store.oneTimeTokens.consume(secret, 'password_reset', now)).toBeNull();
  });
});
