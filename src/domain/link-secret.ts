import { createHash, randomBytes } from 'node:crypto';

/**
 * The secret of a link sent by mail (password reset, registration, e-mail change): 32 random bytes in base64url. The
 * store keeps only its SHA-256, so a copy of the database opens no account.
 */
export const newLinkSecret = (): string => randomBytes(32).toString('base64url');

export const linkSecretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** What a link's secret looks like; anything else is refused before the store is asked. */
export const LINK_SECRET = /^[A-Za-z0-9_-]{43}$/;
