import type { ParticipantRoles } from '../../domain/participants/roles.ts';
import { type AuditEvent, PARTICIPANT_STATUSES, type ParticipantStatus, type UserRecord } from '../../domain/store.ts';
import type { Locale } from '../../pki/messages.ts';
import { displayTime } from '../../domain/kazakh-time.ts';
import { type ParticipantTexts, statusLabel } from './texts.ts';

export interface HistoryEntry {
  readonly type: string;
  readonly at: string;
  readonly atDisplay: string;
  readonly who: string;
  readonly what: string;
  readonly iin: string;
  readonly before: string;
  readonly after: string;
}

const WHAT: Readonly<Record<string, keyof ParticipantTexts>> = {
  'participant.added': 'eventAdded',
  'participant.edited': 'eventEdited',
  'participant.excluded': 'eventExcluded',
  'participant.restored': 'eventRestored',
  'participant.registered': 'eventRegistered',
};

/** The company's log holds more than the table's changes (the exclusion's revoked sessions, the company's own registration). */
export const isParticipantChange = (event: AuditEvent): boolean => event.type in WHAT;

const isStatus = (value: unknown): value is ParticipantStatus => (PARTICIPANT_STATUSES as readonly unknown[]).includes(value);
const FIELDS = ['iin', 'role', 'status'] as const;
type Field = (typeof FIELDS)[number];
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export interface HistoryContext {
  readonly roles: ParticipantRoles;
  readonly locale: Locale;
  readonly texts: ParticipantTexts;
  /** Accounts of the people who made the changes, by id. */
  readonly actors: ReadonlyMap<string, UserRecord>;
}

/**
 * One line of «Журнал изменений»: who (name and IIN), what, whose IIN, and what changed: IIN, role or status before
 * and after. The management's events carry them as flat fields; a participant's own registration has its own shape.
 */
export function historyEntry(event: AuditEvent, context: HistoryContext): HistoryEntry {
  const { roles, locale, texts } = context;
  const d = event.details;
  const shown = (field: Field, value: unknown): string | null => {
    if (field === 'status') return isStatus(value) ? statusLabel(texts, value) : null;
    const given = text(value);
    return given === null ? null : field === 'role' ? roles.label(given, locale) : given;
  };
  // Only what changed, so each line says what happened; an added participant's IIN is in its own column.
  const fields = FIELDS.filter((field) => (d[`${field}Before`] ?? null) === null ? field !== 'iin' : d[`${field}Before`] !== d[`${field}After`]);
  const side = (suffix: 'Before' | 'After'): string =>
    fields.map((field) => shown(field, d[`${field}${suffix}`])).filter((part) => part !== null).join(' · ') || '—';
  const registration = event.type === 'participant.registered';
  const actor = event.userId ? context.actors.get(event.userId) : undefined;
  const actorIin = text(d['actorIin']) ?? actor?.iin ?? null;
  const name = actor ? [actor.surname, actor.givenName].filter(Boolean).join(' ') : '';
  return {
    type: event.type,
    at: event.at.toISOString(),
    atDisplay: displayTime(event.at),
    who: [name, actorIin ? `${texts.iin} ${actorIin}` : null].filter(Boolean).join(', ') || '—',
    what: texts[WHAT[event.type]!],
    iin: text(d['iinAfter']) ?? text(d['iin']) ?? '—',
    before: registration ? (isStatus(d['from']) ? statusLabel(texts, d['from']) : '—') : side('Before'),
    after: registration ? statusLabel(texts, 'registered') : side('After'),
  };
}
