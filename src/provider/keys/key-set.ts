import type { KeyRepository, KeySetRecord } from '../../domain/store.ts';
import { type KeyMaterial, SIGNING_ALGORITHMS, generateKeySet } from './generate-key-set.ts';

/** The current key set and the two before it stay published, so tokens signed before two rotations still verify. */
export const KEY_SETS_KEPT = 3;
const ATTEMPTS = 5;

async function saveFirst(keys: KeyRepository, create: (stored: KeySetRecord | null) => Promise<KeyMaterial | null>): Promise<KeySetRecord> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await keys.load();
    const next = await create(stored);
    if (!next) return stored!;
    // A lost compare-and-set means another process saved first: start again from what it saved.
    if (await keys.save(next, stored?.revision ?? 0)) {
      const saved = await keys.load();
      if (saved) return saved;
    }
  }
  throw new Error(`the key set could not be saved after ${ATTEMPTS} attempts`);
}

/** The shared key set; the first process to start generates it and every other one adopts it. */
export function loadOrCreateKeys(keys: KeyRepository): Promise<KeySetRecord> {
  return saveFirst(keys, async (stored) => (stored ? null : generateKeySet()));
}

/**
 * Puts a fresh key set in front (it signs from now on) and keeps the previous ones published for verification.
 * Running processes adopt it when they next look at the store (KILT_KEYS_REFRESH_SECONDS).
 */
export function rotateKeys(keys: KeyRepository): Promise<KeySetRecord> {
  return saveFirst(keys, async (stored) => {
    const fresh = await generateKeySet();
    if (!stored) return fresh;
    return {
      signingKeys: [...fresh.signingKeys, ...stored.signingKeys].slice(0, KEY_SETS_KEPT * SIGNING_ALGORITHMS.length),
      cookieKeys: [...fresh.cookieKeys, ...stored.cookieKeys].slice(0, KEY_SETS_KEPT),
    };
  });
}
