/**
 * The repository ports: what Kilt keeps, independent of where. Two implementations exist — MongoDB through mongoose
 * (production) and memory (development, tests) — and one contract suite holds both to the same behaviour.
 * Constraints live in the store: unique e-mail, IIN, BIN and (organization, IIN); single-use secrets are consumed
 * atomically; everything that expires expires in the store (TTL).
 */
import type { Locale } from '../pki/messages.ts';
import type { Profile } from './sign-in/profiles.ts';

/** A unique constraint refused a write; `field` names which one, so callers can answer precisely. */
export class DuplicateError extends Error {
  override name = 'DuplicateError';
  readonly field: string;

  constructor(field: string) {
    super(`duplicate ${field}`);
    this.field = field;
  }
}

/** A rate limit is exhausted: try again after `retryAfterSeconds`. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(`rate limited for ${retryAfterSeconds} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface UserRecord {
  readonly id: string;
  /** Lower-cased, trimmed. */
  readonly email: string;
  readonly emailConfirmedAt: Date | null;
  readonly passwordHash: string;
  readonly iin: string;
  readonly surname: string | null;
  readonly givenName: string | null;
  readonly patronymic: string | null;
  readonly phone: string | null;
  readonly locale: Locale;
  readonly lockedUntil: Date | null;
  /**
   * Set while the account is a registration waiting for its e-mail link: at this instant the account is gone and its
   * e-mail and IIN are free again (a TTL in MongoDB). Null once confirmed, and for accounts operators create.
   */
  readonly unconfirmedUntil: Date | null;
  /** «Данные профиля» of the personal cabinet; null until the person fills them in. */
  readonly personalData: PersonalData | null;
  /** The cabinet's «Адрес», the OIDC `address` claim; null until filled in. */
  readonly address: PostalAddress | null;
  /** A new mobile number waiting for its SMS code; the account's `phone` changes only once the code is entered. */
  readonly phoneChange: PendingSmsCode | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a person gives in the cabinet that the certificate does not say (README, Personal cabinet). */
export interface PersonalData {
  /** Surname and given name in Latin letters as in the passport (upper case), for documents that need them. */
  readonly latinSurname: string;
  readonly latinGivenName: string;
  /** The identity document a customs declaration names for its declarant. */
  readonly documentKind: IdentityDocumentKind;
  readonly documentNumber: string;
  /** A calendar date, YYYY-MM-DD: no time zone can move it. */
  readonly documentIssuedOn: string;
}

export type IdentityDocumentKind = 'id_card' | 'passport' | 'residence_permit';

/** An address in Kazakhstan, as the cabinet's form takes it. */
export interface PostalAddress {
  /** A key of KZ_REGIONS (src/domain/profile/regions.ts): an oblast or a city of republican significance. */
  readonly region: string;
  /** Город / населённый пункт. */
  readonly locality: string;
  readonly street: string;
  readonly house: string;
  /** Квартира / офис. */
  readonly apartment: string | null;
  /** Kazpost index, 6 digits. */
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2: the form takes addresses in Kazakhstan only. */
  readonly country: 'KZ';
}

/** Profile data starts empty: it is filled in the cabinet, never at registration. */
export type NewUser = Omit<UserRecord, 'id' | 'createdAt' | 'updatedAt' | 'personalData' | 'address' | 'phoneChange'>;
/** The pending phone change is written only by compare-and-set (`swapPhoneChange`), which counts code attempts. */
export type UserPatch = Partial<Omit<UserRecord, 'id' | 'createdAt' | 'updatedAt' | 'iin' | 'unconfirmedUntil' | 'phoneChange'>>;

/**
 * An account whose `unconfirmedUntil` has passed does not exist for any method: finds return null, and `create` may
 * take its e-mail and IIN (the stale record is removed, whether or not the TTL monitor got to it).
 */
export interface UserRepository {
  /** Throws DuplicateError('email' | 'iin'). */
  create(user: NewUser): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByEmail(email: string): Promise<UserRecord | null>;
  findByIin(iin: string): Promise<UserRecord | null>;
  /** Throws DuplicateError('email'); null when the user does not exist. */
  update(id: string, patch: UserPatch): Promise<UserRecord | null>;
  /**
   * Activates a registration at `at`: emailConfirmedAt = at and unconfirmedUntil = null, atomically and only while
   * unconfirmedUntil is still after `at`; null otherwise (already confirmed, expired, unknown). One caller wins.
   */
  confirm(id: string, at: Date): Promise<UserRecord | null>;
  /**
   * Removes the account holding this IIN only while it is unconfirmed (expired or not): the holder of the IIN's key
   * starting registration again replaces their own letter-waiting registration. False when there is none.
   */
  discardUnconfirmed(iin: string): Promise<boolean>;
  /**
   * Moves the account to the e-mail `to`, confirmed at `at`, only while its e-mail is still `from` (compare-and-set): a
   * link sent for an address the account has meanwhile left changes nothing. Null otherwise; throws DuplicateError('email').
   */
  changeEmail(id: string, from: string, to: string, at: Date): Promise<UserRecord | null>;
  /**
   * Writes the pending phone change `next` only while the stored one is still `expected` (null: none; compared by code
   * hash, sending time and attempts), so that parallel requests cannot both spend the same attempt. With
   * `confirmedPhone`, the number becomes the account's in the same write. Null when another write came first.
   */
  swapPhoneChange(id: string, expected: PendingSmsCode | null, next: PendingSmsCode | null, confirmedPhone?: string): Promise<UserRecord | null>;
}

export interface OrganizationRecord {
  readonly bin: string;
  readonly name: string;
  readonly createdAt: Date;
}

export interface OrganizationRepository {
  /** Creates the organization, or renames it when the BIN exists. */
  upsert(organization: { bin: string; name: string }): Promise<OrganizationRecord>;
  findByBin(bin: string): Promise<OrganizationRecord | null>;
}

/** Добавлен → Зарегистрирован; Исключен; Восстановлен → Зарегистрирован (DESIGN.md, «Участники ЮЛ»). */
export const PARTICIPANT_STATUSES = ['added', 'registered', 'excluded', 'restored'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export interface ParticipantRecord {
  readonly id: string;
  readonly organizationBin: string;
  readonly iin: string;
  /** The code of a role from the configured list (KILT_PARTICIPANT_ROLES), e.g. 'declarant'; administrators carry 'head'. */
  readonly role: string;
  readonly status: ParticipantStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface ParticipantRepository {
  /** Throws DuplicateError('participant') for a second (organization, IIN). */
  add(participant: { organizationBin: string; iin: string; role: string; status: ParticipantStatus }): Promise<ParticipantRecord>;
  find(organizationBin: string, iin: string): Promise<ParticipantRecord | null>;
  /** Null for an id this store never gave out. */
  findById(id: string): Promise<ParticipantRecord | null>;
  listByIin(iin: string): Promise<readonly ParticipantRecord[]>;
  /** Last changed first (updatedAt descending, then id descending), so pages never overlap; with the total. */
  listByOrganization(organizationBin: string, page: { offset: number; limit: number }): Promise<Page<ParticipantRecord>>;
  /** How many of the organization's participants have this role and status, e.g. its registered administrators. */
  countByRole(organizationBin: string, role: string, status: ParticipantStatus): Promise<number>;
  /** Changes the status only when it is currently `from` (atomic compare-and-set); null otherwise. */
  changeStatus(id: string, from: ParticipantStatus, to: ParticipantStatus): Promise<ParticipantRecord | null>;
  /**
   * Changes the IIN, and the role with it when one is given, in one write. Throws DuplicateError('participant'); only
   * allowed while the status is 'added' (null otherwise).
   */
  changeIin(id: string, iin: string, role?: string): Promise<ParticipantRecord | null>;
  /** Null when the participant does not exist. */
  changeRole(id: string, role: string): Promise<ParticipantRecord | null>;
}

export interface AgreementVersion {
  readonly version: number;
  readonly texts: Readonly<Record<Locale, string>>;
  readonly publishedAt: Date;
}

export type AcceptanceMethod = 'click' | 'signature';

export interface AgreementAcceptance {
  readonly userId: string;
  readonly version: number;
  readonly method: AcceptanceMethod;
  readonly acceptedAt: Date;
  /** The CMS when the agreement was accepted by signing it. */
  readonly evidence: string | null;
}

export interface AgreementRepository {
  /** Publishes the next version (1, 2, …), atomically even with concurrent publishers. */
  publish(texts: Record<Locale, string>, at: Date): Promise<AgreementVersion>;
  latest(): Promise<AgreementVersion | null>;
  /** The latest version's number without its texts: what every sign-in compares the person's acceptance with. */
  latestVersion(): Promise<number | null>;
  recordAcceptance(acceptance: AgreementAcceptance): Promise<void>;
  /** The highest version the user accepted, or null. */
  acceptedVersion(userId: string): Promise<number | null>;
  history(userId: string): Promise<readonly AgreementAcceptance[]>;
}

export interface ChallengeRecord {
  readonly id: string;
  readonly value: Uint8Array;
  /** What the challenge is for and to which flow it belongs, e.g. the interaction uid. */
  readonly binding: string;
  readonly expiresAt: Date;
}

export interface ChallengeRepository {
  save(challenge: ChallengeRecord): Promise<void>;
  /**
   * Removes and returns the challenge when it exists, belongs to `binding` and has not expired at `now`; exactly one
   * of any number of concurrent callers gets it. A challenge of another binding is left in place.
   */
  consume(id: string, binding: string, now: Date): Promise<ChallengeRecord | null>;
}

export interface AuditEvent {
  readonly at: Date;
  /** e.g. 'login.succeeded', 'login.failed', 'participant.excluded'. */
  readonly type: string;
  readonly userId: string | null;
  readonly ip: string | null;
  /** The company the event concerns, listed in its audit log; null for a person's own events. */
  readonly organizationBin: string | null;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

/** What callers record: an event about no company may leave organizationBin out. */
export type NewAuditEvent = Omit<AuditEvent, 'organizationBin'> & { readonly organizationBin?: string | null };

export interface AuditRepository {
  record(event: NewAuditEvent): Promise<void>;
  /** Newest first. */
  listByUser(userId: string, limit: number): Promise<readonly AuditEvent[]>;
  /** Newest first. */
  listByOrganization(organizationBin: string, limit: number): Promise<readonly AuditEvent[]>;
}

export type ProfilePolicy = 'membership' | 'certificate';

export interface ClientRecord {
  readonly clientId: string;
  /** oidc-provider client metadata (redirect_uris, token_endpoint_auth_method, client_secret, …). */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly firstParty: boolean;
  readonly profilePolicy: ProfilePolicy;
  readonly profileTypes: readonly ('individual' | 'legal_entity')[];
}

export interface ClientRepository {
  upsert(client: ClientRecord): Promise<void>;
  find(clientId: string): Promise<ClientRecord | null>;
  list(): Promise<readonly ClientRecord[]>;
  remove(clientId: string): Promise<boolean>;
}

/**
 * The profile a person chose to act in at one client during one session: the source of the `organization` claim in
 * that session's tokens. Kept as long as the session.
 */
export interface ProfileSelection {
  readonly sessionUid: string;
  readonly clientId: string;
  /** Who chose: a company excluding the person finds every session acting for it by this. */
  readonly accountId: string;
  readonly profile: Profile;
  readonly expiresAt: Date;
}

export interface ProfileSelectionRepository {
  /** One choice per (session, client): a new one replaces it. */
  save(selection: ProfileSelection): Promise<void>;
  find(sessionUid: string, clientId: string): Promise<Profile | null>;
  /** The account's unexpired choices, at every client and in every session. */
  listByAccount(accountId: string): Promise<readonly ProfileSelection[]>;
  remove(sessionUid: string, clientId: string): Promise<void>;
}

/** Signing keys (private JWKs, newest first) and cookie keys, shared by every Kilt process. */
export interface KeySetRecord {
  readonly signingKeys: readonly Readonly<Record<string, unknown>>[];
  readonly cookieKeys: readonly string[];
  /** Incremented by every save; a save with a stale revision fails, so two processes never overwrite each other. */
  readonly revision: number;
}

export interface KeyRepository {
  load(): Promise<KeySetRecord | null>;
  /** Saves when the stored revision is still `expectedRevision` (0: none stored yet); returns false otherwise. */
  save(keys: Omit<KeySetRecord, 'revision'>, expectedRevision: number): Promise<boolean>;
}

/** oidc-provider's adapter interface (https://github.com/panva/node-oidc-provider/blob/main/example/my_adapter.js). */
export interface OidcAdapter {
  upsert(id: string, payload: Record<string, unknown>, expiresIn: number): Promise<void>;
  find(id: string): Promise<Record<string, unknown> | undefined>;
  findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined>;
  findByUid(uid: string): Promise<Record<string, unknown> | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** A secret sent by e-mail; the store keeps its SHA-256 only, so a copy of the database opens no account. */
interface SecretLink<P extends string> {
  readonly hash: string;
  readonly purpose: P;
  readonly userId: string;
  readonly expiresAt: Date;
}

export type OneTimeTokenRecord =
  | SecretLink<'password_reset'>
  | SecretLink<'email_confirmation'>
  | (SecretLink<'email_change'> & {
    /** The address the link was sent to, and the account's address when it was asked for (see UserRepository.changeEmail). */
    readonly newEmail: string;
    readonly oldEmail: string;
  });

export type OneTimeTokenPurpose = OneTimeTokenRecord['purpose'];

export interface OneTimeTokenRepository {
  save(token: OneTimeTokenRecord): Promise<void>;
  /** Removes and returns the token when it exists for `purpose` and is unexpired at `now`; only one caller gets it. */
  consume<P extends OneTimeTokenPurpose>(hash: string, purpose: P, now: Date): Promise<Extract<OneTimeTokenRecord, { purpose: P }> | null>;
  /** Removes the account's tokens of `purpose`: a newer link replaces them, or the person withdrew what they were for. */
  discard(userId: string, purpose: OneTimeTokenPurpose): Promise<void>;
}

export interface RateLimit {
  readonly points: number;
  readonly durationSeconds: number;
  readonly blockSeconds: number;
  readonly keyPrefix: string;
}

/** Counts attempts per key (account, IP) across processes; `consume` throws RateLimitedError when exhausted. */
export interface RateLimiter {
  consume(key: string): Promise<{ remaining: number }>;
  /** Forgets the key's attempts, e.g. an account's failures after it signs in. */
  reset(key: string): Promise<void>;
  /** Seconds until the key may try again, 0 when it may now. */
  blockedFor(key: string): Promise<number>;
}

/** Who a registration makes: a person, a company's head (who registers the company), or an added employee. */
export type RegistrationKind = 'individual' | 'company_head' | 'employee';

/** Where the wizard is (DESIGN.md, Registration); 'sent' once the account exists and the letter is out. */
export type RegistrationStep = 'contacts' | 'phone' | 'agreement' | 'sent';

/** What step 1 read from the verified certificate. */
export interface RegistrationPerson {
  readonly iin: string;
  readonly surname: string | null;
  readonly givenName: string | null;
  readonly patronymic: string | null;
  readonly bin: string | null;
  readonly organizationName: string | null;
  readonly roles: readonly string[];
  readonly certificateSerial: string;
}

/** The SMS code being confirmed: only its SHA-256 is kept. */
export interface PendingSmsCode {
  readonly phone: string;
  readonly codeHash: string;
  readonly sentAt: Date;
  readonly expiresAt: Date;
  readonly attempts: number;
}

/** The agreement as accepted in step 3, recorded against the account when it is confirmed. */
export interface PendingAgreement {
  readonly version: number;
  readonly method: AcceptanceMethod;
  readonly acceptedAt: Date;
  readonly evidence: string | null;
}

/** The state of one registration wizard, bound to one browser by a cookie holding its id. */
export interface RegistrationRecord {
  readonly id: string;
  readonly step: RegistrationStep;
  readonly kind: RegistrationKind;
  readonly person: RegistrationPerson;
  readonly email: string | null;
  readonly passwordHash: string | null;
  readonly consentAt: Date | null;
  /** The mobile number of step 2 (E.164); confirmed once the wizard is past the 'phone' step. */
  readonly phone: string | null;
  readonly sms: PendingSmsCode | null;
  readonly agreement: PendingAgreement | null;
  /** The unconfirmed account, once step 'sent' is reached. */
  readonly userId: string | null;
  readonly locale: Locale;
  /** The sign-in (interaction uid) the registration was started from, to return to. */
  readonly returnTo: string | null;
  /** Incremented by every update: updates are compare-and-set on it, so a double submit changes nothing twice. */
  readonly revision: number;
  readonly createdAt: Date;
  /** Gone at this instant (TTL). */
  readonly expiresAt: Date;
}

export type NewRegistration = Omit<RegistrationRecord, 'id' | 'revision' | 'createdAt'>;
export type RegistrationPatch = Partial<Omit<RegistrationRecord, 'id' | 'revision' | 'createdAt' | 'kind' | 'person'>>;

export interface RegistrationRepository {
  create(registration: NewRegistration): Promise<RegistrationRecord>;
  /** Null when unknown or expired at `now`. */
  find(id: string, now: Date): Promise<RegistrationRecord | null>;
  findByUserId(userId: string, now: Date): Promise<RegistrationRecord | null>;
  /** Applies the patch only while the stored revision is `revision`; null when another update came first or it is gone. */
  update(id: string, revision: number, patch: RegistrationPatch): Promise<RegistrationRecord | null>;
  remove(id: string): Promise<void>;
}

/** One of an account's provider sessions (a browser signed in to Kilt), as the person sees it in the cabinet. */
export interface AccountSession {
  readonly uid: string;
  /** When the session began, and when the person last signed in within it (a new key, prompt=login). */
  readonly startedAt: Date;
  readonly signedInAt: Date;
  readonly expiresAt: Date | null;
  /** The clients signed in to during the session. */
  readonly clientIds: readonly string[];
}

export interface Store {
  readonly kind: 'mongodb' | 'memory';
  readonly users: UserRepository;
  readonly organizations: OrganizationRepository;
  readonly participants: ParticipantRepository;
  readonly agreements: AgreementRepository;
  readonly challenges: ChallengeRepository;
  readonly audit: AuditRepository;
  readonly clients: ClientRepository;
  readonly keys: KeyRepository;
  readonly profileSelections: ProfileSelectionRepository;
  readonly oneTimeTokens: OneTimeTokenRepository;
  readonly registrations: RegistrationRepository;
  /** The adapter class oidc-provider instantiates per model name ('Session', 'AccessToken', …). */
  readonly oidcAdapter: new (modelName: string) => OidcAdapter;
  rateLimiter(limit: RateLimit): RateLimiter;
  /**
   * Ends everything the account holds at the provider: sessions, grants and the tokens issued under them. `keep` names
   * one session (by uid) that stays signed in, without its grants: the cabinet session a password was changed in.
   */
  endSessions(accountId: string, keep?: string): Promise<void>;
  /**
   * The grants under which the account's tokens for this client were issued in this session: found by the tokens, so
   * also after the session itself ended (an offline_access refresh token outlives a sign-out).
   */
  tokenGrantIds(query: { accountId: string; sessionUid: string; clientId: string }): Promise<readonly string[]>;
  /** The account's unexpired sessions, the latest sign-in first. */
  sessionsOf(accountId: string): Promise<readonly AccountSession[]>;
  /**
   * Ends one session of the account: its grants and their tokens, then the session itself (so a failure halfway
   * leaves a session that can be ended again). The session as it was; null when the account has no such unexpired one.
   */
  endSession(accountId: string, sessionUid: string): Promise<AccountSession | null>;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
