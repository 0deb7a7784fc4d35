import { randomBytes, randomUUID } from 'node:crypto';
import type { KeyPurpose } from '../../pki/key-purpose.ts';
import type { PkiVerifier, VerifiedSigner } from '../../pki/verifier.ts';
import type { ChallengeRepository } from '../store.ts';
import { SignInError } from './sign-in-error.ts';

export const CHALLENGE_TTL_MS = 5 * 60_000;

export interface IssuedChallenge {
  readonly id: string;
  /** What NCALayer signs: `data` of basics.sign with `decode: true`. */
  readonly base64: string;
}

/** A fresh random challenge for one flow (e.g. one interaction), valid five minutes, usable once. */
export async function issueChallenge(challenges: ChallengeRepository, binding: string, now: Date): Promise<IssuedChallenge> {
  const value = new Uint8Array(randomBytes(32));
  const id = randomUUID();
  await challenges.save({ id, value, binding, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) });
  return { id, base64: Buffer.from(value).toString('base64') };
}

/** The challenge's bytes, consumed; another flow's, a replayed or an expired challenge is `login.challenge_invalid`. */
export async function consumeChallenge(challenges: ChallengeRepository, id: string, binding: string, now: Date): Promise<Uint8Array> {
  const challenge = await challenges.consume(id, binding, now);
  if (!challenge) throw new SignInError('login.challenge_invalid', 'the challenge is unknown, used, expired or of another flow');
  return challenge.value;
}

/**
 * The one signer of an NCALayer CMS over a consumed challenge, at `at`, with a key for `purpose` (sign-in: the
 * authentication key); PkiError otherwise.
 */
export async function challengeSigner(verifier: PkiVerifier, cms: string, challenge: Uint8Array, at: Date, purpose: KeyPurpose = 'auth'): Promise<VerifiedSigner> {
  const { signers } = await verifier.verifyCms(cms, { expectedContent: challenge, purpose, singleSigner: true, at });
  return signers[0]!;
}
