import type { Profile } from '../sign-in/profiles.ts';
import type { AccountSession, Store } from '../store.ts';

export interface SessionClient {
  readonly clientId: string;
  /** The profile chosen at this client in this session; null where none was kept (e.g. it expired first). */
  readonly profile: Profile | null;
}

export interface SessionView extends Omit<AccountSession, 'clientIds'> {
  readonly clients: readonly SessionClient[];
  /** The session the cabinet itself is open in. */
  readonly current: boolean;
}

type SessionStore = Pick<Store, 'sessionsOf' | 'endSession' | 'endSessions' | 'profileSelections' | 'audit'>;

/** Who acts, from which session and address: every ending is audited against the person. */
export interface Actor {
  readonly userId: string;
  readonly sessionUid: string;
  readonly ip: string | null;
}

export async function sessionsOf(store: SessionStore, actor: Actor): Promise<SessionView[]> {
  const [sessions, selections] = await Promise.all([store.sessionsOf(actor.userId), store.profileSelections.listByAccount(actor.userId)]);
  const chosen = new Map(selections.map((selection) => [`${selection.sessionUid}\n${selection.clientId}`, selection.profile]));
  return sessions.map(({ clientIds, ...session }) => ({
    ...session,
    current: session.uid === actor.sessionUid,
    clients: clientIds.map((clientId) => ({ clientId, profile: chosen.get(`${session.uid}\n${clientId}`) ?? null })),
  }));
}

/** «Выйти» on one session; false when it is no longer there (ended elsewhere meanwhile, or expired). */
export async function endSession(store: SessionStore, actor: Actor, sessionUid: string, at: Date): Promise<boolean> {
  const session = await store.endSession(actor.userId, sessionUid);
  if (!session) return false;
  await store.audit.record({
    at, type: 'session.ended', userId: actor.userId, ip: actor.ip,
    details: { clients: session.clientIds.join(', '), current: sessionUid === actor.sessionUid },
  });
  return true;
}

/** «Выйти везде»: every session, grant and token of the account, this cabinet's included. */
export async function endAllSessions(store: SessionStore, actor: Actor, at: Date): Promise<void> {
  await store.endSessions(actor.userId);
  await store.audit.record({ at, type: 'session.ended_all', userId: actor.userId, ip: actor.ip, details: {} });
}
