import { type KeyObject, createHmac, createSecretKey } from 'node:crypto';
import { sameSecret } from '../domain/same-secret.ts';

/**
 * The cookie keys in the shape koa and oidc-provider take instead of a key array (sign, verify, index), signing as
 * keygrip does — HMAC-SHA1 in base64url, the newest key first — so cookies set before and after a restart agree.
 * keygrip hands each HMAC its key as a string and compares through two more HMACs with a fresh random key; a
 * sign-in reads a dozen signed cookies, so here the keys are imported once and compared in constant time directly.
 */
export class CookieKeys {
  readonly #keys: readonly KeyObject[];

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('at least one cookie key is needed');
    this.#keys = secrets.map((secret) => createSecretKey(Buffer.from(secret, 'utf8')));
  }

  sign(data: string): string {
    return this.#signWith(this.#keys[0]!, data);
  }

  verify(data: string, digest: string): boolean {
    return this.index(data, digest) > -1;
  }

  /** Which key signed `data` into `digest` (0 is the newest), or -1. */
  index(data: string, digest: string): number {
    const given = Buffer.from(digest, 'utf8');
    return this.#keys.findIndex((key) => sameSecret(this.#signWith(key, data), given));
  }

  #signWith(key: KeyObject, data: string): string {
    return createHmac('sha1', key).update(data).digest('base64url');
  }
}
