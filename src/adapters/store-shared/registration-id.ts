import { randomBytes } from 'node:crypto';

/** A registration's id is all a browser's cookie holds: unguessable, so nobody can walk into another person's wizard. */
export const newRegistrationId = (): string => randomBytes(32).toString('base64url');
