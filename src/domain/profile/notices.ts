import type { UserRecord } from '../store.ts';
import type { ProfileDependencies, ProfileLetter } from './dependencies.ts';

/** A notice that cannot be sent is audited, not reported: what it tells of has already happened. */
export async function sendNotice(deps: ProfileDependencies, user: UserRecord, letter: ProfileLetter): Promise<void> {
  try {
    await deps.send(letter);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await deps.store.audit.record({ at: deps.clock(), type: 'mail.failed', userId: user.id, ip: null, details: { letter: letter.kind, detail } });
  }
}
