import { createHmac } from 'node:crypto';
import type { OidcClient } from 'oidc-provider';

/**
 * Pairwise subjects (OIDC Core §8.1): the same person gets unrelated `sub` values at different sectors. A keyed
 * hash of a configured salt, so every process computes the same value and nobody without the salt can link them.
 */
export function pairwiseIdentifier(salt: string) {
  return async (_ctx: unknown, accountId: string, client: OidcClient) =>
    createHmac('sha256', salt).update(`${client.sectorIdentifier}\n${accountId}`).digest('base64url');
}
