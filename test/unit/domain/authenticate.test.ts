import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { argon2Hasher } from '../../../src/adapters/passwords/argon2-hasher.ts';
import { localizedMessage } from '../../../src/domain/messages.ts';
import { type SignInAttempt, type SignInDependencies, authenticate } from '../../../src/domain/sign-in/authenticate.ts';
import { CHALLENGE_TTL_MS, issueChallenge } from '../../../src/domain/sign-in/challenges.ts';
import { SignInError } from '../../../src/domain/sign-in/sign-in-error.ts';
import type { Store } from '../../../src/domain/store.ts';
import { PkiError } from '../../../src/pki/errors.ts';
import { createPkiVerifier } from '../../../src/pki/create-verifier.ts';
import { type TestEndEntity, type TestPki, cmsToPem, createTestPki, signCms } from '../../support/pki/index.ts';

/** Small argon2id parameters: the real library, at test speed. */
const passwords = argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
const PASSWORD = 'Correct horse 42';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInError || error instanceof PkiError) return error.code;
    throw error;
  }
  throw new Error('expected the sign-in to be refused');
}

describe('sign-in: e-mail, password and an NCA signature of the one-time challenge', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let deps: SignInDependencies;
  let now: Date;
  let person: TestEndEntity;
  let pauses: number[];

  beforeAll(async () => {
    pki = await createTestPki({ algorithm: 'gost512' });
    person = pki.endEntities.individual;
  });

  beforeEach(async () => {
    now = new Date();
    pauses = [];
    const clock = () => now;
    store = createMemoryStore({ clock });
    const limit = { points: 5, durationSeconds: 900, blockSeconds: 900 };
    deps = {
      store,
      verifier: createPkiVerifier({ trusted: [pki.root.der, pki.intermediate.der], revocation: 'off', clock }).verifier,
      passwords,
      limits: {
        account: store.rateLimiter({ ...limit, keyPrefix: 'login-account' }),
        ip: store.rateLimiter({ ...limit, points: 20, keyPrefix: 'login-ip' }),
        accountPoints: limit.points,
        ipPoints: 20,
      },
      decoyHash: await passwords.hash('decoy'),
      clock,
      pause: async (milliseconds) => {
        pauses.push(milliseconds);
      },
    };
    await store.users.create({
      email: 'aidar@example.kz', emailConfirmedAt: now, passwordHash: await passwords.hash(PASSWORD), iin: person.person!.iin,
      surname: person.person!.surname, givenName: person.person!.name, patronymic: person.person!.patronymic, phone: null,
      locale: 'ru', lockedUntil: null, unconfirmedUntil: null,
    });
  });

  async function attempt(overrides: Partial<SignInAttempt> & { signer?: TestEndEntity; signed?: Uint8Array } = {}): Promise<SignInAttempt> {
    const binding = overrides.binding ?? 'interaction-1';
    const challenge = await issueChallenge(store.challenges, binding, now);
    const bytes = overrides.signed ?? new Uint8Array(Buffer.from(challenge.base64, 'base64'));
    return {
      email: 'Aidar@Example.kz ', password: PASSWORD, cms: cmsToPem(signCms(bytes, overrides.signer ?? person)),
      challengeId: challenge.id, binding, ip: '203.0.113.7', ...overrides,
    };
  }

  it('signs the person in and audits it', async () => {
    const { user, certificate } = await authenticate(deps, await attempt());
    expect(user.email).toBe('aidar@example.kz');
    expect(certificate).toMatchObject({ iin: person.person!.iin, algorithm: 'GOST34.10-2015-512' });
    expect(await store.audit.listByUser(user.id, 10)).toMatchObject([{ type: 'login.succeeded', ip: '203.0.113.7' }]);
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const unknown = await code(authenticate(deps, await attempt({ email: 'nobody@example.kz' })));
    const wrong = await code(authenticate(deps, await attempt({ password: 'wrong' })));
    expect(unknown).toBe('login.invalid_credentials');
    expect(wrong).toBe(unknown);
    expect(localizedMessage(new SignInError('login.invalid_credentials'), 'ru')).toBe('Неверный адрес электронной почты или пароль.');
  });

  it('accepts a challenge once: a replay is refused', async () => {
    const first = await attempt();
    await authenticate(deps, first);
    expect(await code(authenticate(deps, first))).toBe('login.challenge_invalid');
  });

  it("refuses another flow's challenge and leaves it to its own flow", async () => {
    const mine = await attempt({ binding: 'interaction-A' });
    expect(await code(authenticate(deps, { ...mine, binding: 'interaction-B' }))).toBe('login.challenge_invalid');
    await expect(authenticate(deps, mine)).resolves.toBeDefined();
  });

  it('refuses an expired challenge', async () => {
    const old = await attempt();
    now = new Date(now.getTime() + CHALLENGE_TTL_MS + 1000);
    expect(await code(authenticate(deps, old))).toBe('login.challenge_invalid');
  });

  it('refuses a signature over other bytes than the challenge', async () => {
    expect(await code(authenticate(deps, await attempt({ signed: new TextEncoder().encode('something else') })))).toBe('pki.content_mismatch');
  });

  it("refuses another person's key and says whose IIN it is, masked", async () => {
    const other = pki.endEntities.firstHead;
    try {
      await authenticate(deps, await attempt({ signer: other }));
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(SignInError);
      const message = localizedMessage(error as SignInError, 'ru');
      expect(message).toContain(`********${other.person!.iin.slice(-4)}`);
      expect(message).not.toContain(other.person!.iin);
    }
  });

  it('refuses an expired certificate with its own code', async () => {
    expect(await code(authenticate(deps, await attempt({ signer: pki.endEntities.expired })))).toBe('pki.cert_expired');
  });

  it('refuses an unconfirmed or locked account, after the password and the key were right', async () => {
    const user = (await store.users.findByEmail('aidar@example.kz'))!;
    await store.users.update(user.id, { emailConfirmedAt: null });
    expect(await code(authenticate(deps, await attempt()))).toBe('login.not_confirmed');
    await store.users.update(user.id, { emailConfirmedAt: now, lockedUntil: new Date(now.getTime() + 60_000) });
    expect(await code(authenticate(deps, await attempt()))).toBe('login.locked');
  });

  it('answers failures ever more slowly, then blocks the account, even for the right password, and audits every failure', async () => {
    for (let i = 0; i < 5; i++) expect(await code(authenticate(deps, await attempt({ password: `guess ${i}` })))).toBe('login.invalid_credentials');
    expect(pauses).toEqual([0, 500, 1000, 2000, 4000]);
    expect(await code(authenticate(deps, await attempt()))).toBe('login.too_many_attempts');
    const user = (await store.users.findByEmail('aidar@example.kz'))!;
    const failures = (await store.audit.listByUser(user.id, 20)).filter((event) => event.type === 'login.failed');
    expect(failures).toHaveLength(5);
  });
});
