import type { OneTimeTokenPurpose, OneTimeTokenRecord } from '../../domain/store.ts';

/** Narrows a stored token to the record shape of its purpose (an e-mail change carries its addresses). */
export const hasPurpose = <P extends OneTimeTokenPurpose>(token: OneTimeTokenRecord, purpose: P): token is Extract<OneTimeTokenRecord, { purpose: P }> =>
  token.purpose === purpose;
