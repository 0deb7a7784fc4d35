import { PkiError, type PkiErrorCode } from '../../src/pki/errors.ts';

/** The code a verification fails with; fails the test when it succeeds or throws something else. */
export async function pkiFailure(promise: Promise<unknown>): Promise<PkiErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PkiError) return error.code;
    throw error;
  }
  throw new Error('expected the verification to fail with a pki.* code');
}
