import type { KeyRepository, KeySetRecord } from '../../domain/store.ts';

export function memoryKeys(): KeyRepository {
  let stored: KeySetRecord | null = null;

  return {
    async load() {
      return structuredClone(stored);
    },

    async save(keys, expectedRevision) {
      if ((stored?.revision ?? 0) !== expectedRevision) return false;
      stored = { signingKeys: structuredClone(keys.signingKeys), cookieKeys: [...keys.cookieKeys], revision: expectedRevision + 1 };
      return true;
    },
  };
}
