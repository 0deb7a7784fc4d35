import { type Connection, type Model, Schema } from 'mongoose';
import type { AcceptanceMethod, RegistrationKind, RegistrationStep } from '../../../domain/store.ts';
import { LOCALES, type Locale } from '../../../pki/messages.ts';
import { type PendingSmsCodeDocument, pendingSmsCodeSchema } from './pending-sms-code.ts';

export interface RegistrationPersonDocument {
  iin: string;
  surname: string | null;
  givenName: string | null;
  patronymic: string | null;
  bin: string | null;
  organizationName: string | null;
  roles: string[];
  certificateSerial: string;
}

export interface PendingAgreementDocument {
  version: number;
  method: AcceptanceMethod;
  acceptedAt: Date;
  evidence: string | null;
}

export interface RegistrationDocument {
  /** Random and unguessable: the wizard's cookie holds it. */
  _id: string;
  step: RegistrationStep;
  kind: RegistrationKind;
  person: RegistrationPersonDocument;
  email: string | null;
  passwordHash: string | null;
  consentAt: Date | null;
  phone: string | null;
  sms: PendingSmsCodeDocument | null;
  agreement: PendingAgreementDocument | null;
  userId: string | null;
  locale: Locale;
  returnTo: string | null;
  revision: number;
  createdAt: Date;
  expiresAt: Date;
}

const STEPS: readonly RegistrationStep[] = ['contacts', 'phone', 'agreement', 'sent'];
const KINDS: readonly RegistrationKind[] = ['individual', 'company_head', 'employee'];
const METHODS: readonly AcceptanceMethod[] = ['click', 'signature'];

// Subdocuments without an _id of their own: they are values of the registration, not entities.
const person = new Schema<RegistrationPersonDocument>(
  {
    iin: { type: String, required: true },
    surname: { type: String, default: null },
    givenName: { type: String, default: null },
    patronymic: { type: String, default: null },
    bin: { type: String, default: null },
    organizationName: { type: String, default: null },
    roles: { type: [String], default: [] },
    certificateSerial: { type: String, required: true },
  },
  { _id: false },
);

const agreement = new Schema<PendingAgreementDocument>(
  {
    version: { type: Number, required: true },
    method: { type: String, enum: METHODS, required: true },
    acceptedAt: { type: Date, required: true },
    evidence: { type: String, default: null },
  },
  { _id: false },
);

const schema = new Schema<RegistrationDocument>(
  {
    _id: { type: String, required: true },
    step: { type: String, enum: STEPS, required: true },
    kind: { type: String, enum: KINDS, required: true },
    person: { type: person, required: true },
    email: { type: String, default: null },
    passwordHash: { type: String, default: null },
    consentAt: { type: Date, default: null },
    phone: { type: String, default: null },
    sms: { type: pendingSmsCodeSchema, default: null },
    agreement: { type: agreement, default: null },
    userId: { type: String, default: null },
    locale: { type: String, enum: LOCALES, required: true },
    returnTo: { type: String, default: null },
    revision: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'registrations_ttl' });
schema.index({ userId: 1 }, { name: 'registrations_user' });

export const registrationModel = (connection: Connection): Model<RegistrationDocument> =>
  connection.model<RegistrationDocument>('Registration', schema, 'registrations');
