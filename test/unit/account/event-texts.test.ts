import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../../src/account/journal/event-texts.ts';
import type { AuditEvent } from '../../../src/domain/store.ts';
import { LOCALES } from '../../../src/pki/messages.ts';

const event = (type: string, details: AuditEvent['details'], organizationBin: string | null = null): AuditEvent => ({
  at: new Date('2026-03-01T09:00:00Z'), type, userId: 'user-1', ip: '192.0.2.10', organizationBin, details,
});

/** The details each event is recorded with (src/domain), so every placeholder of every language is filled. */
const RECORDED: readonly AuditEvent[] = [
  event('login.succeeded', { certificateSerial: '36bd', algorithm: 'gost2015-512' }),
  event('login.failed', { code: 'login.invalid_credentials', detail: 'wrong password', certificateSerial: null }),
  event('registration.submitted', { registration: 'r-1', kind: 'individual' }),
  event('registration.confirmed', { kind: 'company_head', bin: '150440001234' }),
  event('registration.company_refused', { bin: '150440001234', status: 'excluded' }, '150440001234'),
  event('organization.registered', { bin: '150440001234', name: 'ТОО "АЛЬФА"' }, '150440001234'),
  event('participant.registered', { bin: '150440001234', iin: '900515301201', role: 'head' }, '150440001234'),
  event('password.reset_requested', {}),
  event('password.reset', {}),
  event('mail.failed', { letter: 'registration-confirm', detail: 'connection refused' }),
  event('participant.added', { participantId: 'p-1', actorIin: '781102401234', iinBefore: null, iinAfter: '900515301201', roleAfter: 'declarant' }, '150440001234'),
  event('participant.edited', { participantId: 'p-1', iinBefore: '900515301201', iinAfter: '900515301202' }, '150440001234'),
  event('participant.excluded', { participantId: 'p-1', iinAfter: '900515301202', statusAfter: 'excluded' }, '150440001234'),
  event('participant.restored', { participantId: 'p-1', iinAfter: '900515301202', statusAfter: 'restored' }, '150440001234'),
  event('participant.access_revoked', { participantId: 'p-1', accountId: 'user-2', revoked: 2, failed: 0, notified: '', unreachable: '' }, '150440001234'),
  event('session.ended', { clients: 'knp, kilt-account', current: false }),
  event('session.ended_all', {}),
  event('profile.personal_data_saved', {}),
  event('profile.address_saved', {}),
  event('profile.email_change_requested', {}),
  event('profile.email_changed', {}),
  event('profile.phone_changed', {}),
  event('password.changed', {}),
  event('password.change_failed', {}),
];

describe('the journal in words', () => {
  it('describes every recorded event in every language with nothing left unfilled', () => {
    for (const recorded of RECORDED) {
      for (const locale of LOCALES) {
        const text = describeEvent(recorded, locale);
        expect(text, `${recorded.type} (${locale})`).not.toMatch(/[{}]|Событие «|оқиғасы|Event «/);
      }
    }
  });

  it('says why a sign-in failed, and names an event it does not know by its type', () => {
    expect(describeEvent(event('login.failed', { code: 'login.iin_mismatch', detail: '', certificateSerial: '36bd' }), 'ru')).toBe('Неудачная попытка входа: ключ ЭЦП другого человека');
    expect(describeEvent(event('login.failed', { code: 'pki.cert_revoked', detail: '' }), 'en')).toBe('Failed sign-in: the NCA signature was not accepted');
    expect(describeEvent(event('session.ended', { clients: '', current: true }), 'ru')).toBe('Выход из сеанса (приложения: —)');
    expect(describeEvent(event('address.changed', {}), 'kk')).toBe('«address.changed» оқиғасы');
  });
});
