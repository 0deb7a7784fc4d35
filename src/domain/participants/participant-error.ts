import { KiltError } from '../kilt-error.ts';

/** Stable codes of refused changes to a company's participants («Участники ЮЛ»). */
export const PARTICIPANT_ERROR_CODES = [
  'participant.iin_invalid',
  'participant.duplicate',
  'participant.role_unknown',
  'participant.not_found',
  'participant.iin_locked',
  'participant.head_role',
  'participant.self',
  'participant.last_administrator',
  'participant.status_changed',
  'participant.not_administrator',
] as const;

export type ParticipantErrorCode = (typeof PARTICIPANT_ERROR_CODES)[number];

export class ParticipantError extends KiltError<ParticipantErrorCode> {
  override name = 'ParticipantError';
}
