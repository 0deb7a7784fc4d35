import type { IdentityDocumentKind, PersonalData } from '../store.ts';
import { kazakhToday } from '../kazakh-time.ts';
import { birthDateOfIin, displayDate, isCalendarDate } from './dates.ts';
import { FormProblems, tidy } from './form-fields.ts';
import { ProfileError } from './profile-error.ts';

/** The «Личные данные» form as submitted. */
export interface PersonalDataInput {
  readonly latinSurname: string;
  readonly latinGivenName: string;
  readonly documentKind: string;
  readonly documentNumber: string;
  /** YYYY-MM-DD from a date picker, or DD.MM.YYYY typed where there is none. */
  readonly documentIssuedOn: string;
}

export const DOCUMENT_KINDS: readonly IdentityDocumentKind[] = ['id_card', 'passport', 'residence_permit'];

/** Numbers as the Ministry of Internal Affairs prints them: 9 digits on cards, a letter and 8 digits in passports. */
const DOCUMENT_NUMBER: Readonly<Record<IdentityDocumentKind, { readonly pattern: RegExp; readonly problem: 'profile.document_number_invalid' | 'profile.passport_number_invalid' }>> = {
  id_card: { pattern: /^\d{9}$/, problem: 'profile.document_number_invalid' },
  residence_permit: { pattern: /^\d{9}$/, problem: 'profile.document_number_invalid' },
  passport: { pattern: /^[A-Z]\d{8}$/, problem: 'profile.passport_number_invalid' },
};

const LATIN_NAME = /^[A-Z]+(?:[ '-][A-Z]+)*$/;

const isDocumentKind = (kind: string): kind is IdentityDocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(kind);

function isoDate(input: string): string {
  const typed = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(input.trim());
  return typed ? `${typed[3]}-${typed[2]}-${typed[1]}` : input.trim();
}

/**
 * The personal data of the form, or every problem it has. The date of issue cannot lie in the future or before the
 * birth date the IIN gives.
 */
export function readPersonalData(input: PersonalDataInput, iin: string, now: Date): PersonalData {
  const problems = new FormProblems();
  const latin = (field: 'latinSurname' | 'latinGivenName') => {
    const name = problems.text(field, input[field].toUpperCase(), 60);
    if (name !== null && !LATIN_NAME.test(name)) problems.add(field, new ProfileError('profile.latin_name_invalid'));
    return name;
  };
  const latinSurname = latin('latinSurname');
  const latinGivenName = latin('latinGivenName');
  const documentKind = isDocumentKind(input.documentKind) ? input.documentKind : null;
  if (!documentKind) problems.add('documentKind', new ProfileError('profile.document_kind_unknown'));
  const documentNumber = tidy(input.documentNumber).replace(/ /g, '').toUpperCase();
  const format = documentKind && DOCUMENT_NUMBER[documentKind];
  if (!documentNumber) problems.add('documentNumber', new ProfileError('profile.required'));
  else if (format && !format.pattern.test(documentNumber)) problems.add('documentNumber', new ProfileError(format.problem));
  const issuedOn = isoDate(input.documentIssuedOn);
  const birth = birthDateOfIin(iin);
  if (!issuedOn) problems.add('documentIssuedOn', new ProfileError('profile.required'));
  else if (!isCalendarDate(issuedOn)) problems.add('documentIssuedOn', new ProfileError('profile.date_invalid'));
  else if (issuedOn > kazakhToday(now)) problems.add('documentIssuedOn', new ProfileError('profile.issue_date_future'));
  else if (birth && issuedOn < birth) problems.add('documentIssuedOn', new ProfileError('profile.issue_date_before_birth', issuedOn, { birth: displayDate(birth) }));
  problems.check();
  return { latinSurname: latinSurname!, latinGivenName: latinGivenName!, documentKind: documentKind!, documentNumber, documentIssuedOn: issuedOn };
}
