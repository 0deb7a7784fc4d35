import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CookieKeys } from '../../../src/provider/cookie-keys.ts';

const NEWEST = 'newest-cookie-key-newest-cookie-key-0123';
const OLDER = 'older-cookie-key-older-cookie-key-456789';
const DATA = '_session=0123456789abcdefghijk';
/** keygrip's signature: HMAC-SHA1 in base64 with + / = made URL-safe and the padding dropped. */
const keygripSignature = (secret: string, data: string) => createHmac('sha1', secret).update(data).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('the cookie keys', () => {
  const keys = new CookieKeys([NEWEST, OLDER]);

  it('signs with the newest key exactly as keygrip did, so cookies survive the switch', () => {
    expect(keys.sign(DATA)).toBe(keygripSignature(NEWEST, DATA));
  });

  it('tells which key signed a cookie, so one signed before a rotation still verifies', () => {
    expect(keys.index(DATA, keygripSignature(NEWEST, DATA))).toBe(0);
    expect(keys.index(DATA, keygripSignature(OLDER, DATA))).toBe(1);
    expect(keys.verify(DATA, keygripSignature(OLDER, DATA))).toBe(true);
  });

  it('refuses a signature of other data, of an unknown key, or of another length', () => {
    expect(keys.index(`${DATA}x`, keys.sign(DATA))).toBe(-1);
    expect(keys.index(DATA, keygripSignature('a key nobody configured, long enough', DATA))).toBe(-1);
    expect(keys.verify(DATA, keys.sign(DATA).slice(1))).toBe(false);
    expect(keys.verify(DATA, '')).toBe(false);
  });

  it('needs a key', () => {
    expect(() => new CookieKeys([])).toThrow();
  });
});
