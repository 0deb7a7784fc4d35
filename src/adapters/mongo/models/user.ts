import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { DOCUMENT_KINDS } from '../../../domain/profile/personal-data.ts';
import type { IdentityDocumentKind } from '../../../domain/store.ts';
import { LOCALES, type Locale } from '../../../pki/messages.ts';
import { type PendingSmsCodeDocument, pendingSmsCodeSchema } from './pending-sms-code.ts';

export interface PersonalDataDocument {
  latinSurname: string;
  latinGivenName: string;
  documentKind: IdentityDocumentKind;
  documentNumber: string;
  documentIssuedOn: string;
}

export interface PostalAddressDocument {
  region: string;
  locality: string;
  street: string;
  house: string;
  apartment: string | null;
  postalCode: string;
  country: 'KZ';
}

export interface UserDocument {
  _id: Types.ObjectId;
  email: string;
  emailConfirmedAt: Date | null;
  passwordHash: string;
  iin: string;
  surname: string | null;
  givenName: string | null;
  patronymic: string | null;
  phone: string | null;
  locale: Locale;
  lockedUntil: Date | null;
  /** Missing from accounts stored before registrations kept it: read as null. */
  unconfirmedUntil?: Date | null;
  /** Missing from accounts stored before the cabinet kept them: read as null. */
  personalData?: PersonalDataDocument | null;
  address?: PostalAddressDocument | null;
  phoneChange?: PendingSmsCodeDocument | null;
  createdAt: Date;
  updatedAt: Date;
}

export const USER_EMAIL_INDEX = 'users_email_unique';
export const USER_IIN_INDEX = 'users_iin_unique';

const personalData = new Schema<PersonalDataDocument>(
  {
    latinSurname: { type: String, required: true },
    latinGivenName: { type: String, required: true },
    documentKind: { type: String, enum: DOCUMENT_KINDS, required: true },
    documentNumber: { type: String, required: true },
    documentIssuedOn: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
  },
  { _id: false },
);

const address = new Schema<PostalAddressDocument>(
  {
    region: { type: String, required: true },
    locality: { type: String, required: true },
    street: { type: String, required: true },
    house: { type: String, required: true },
    apartment: { type: String, default: null },
    postalCode: { type: String, required: true, match: /^\d{6}$/ },
    country: { type: String, enum: ['KZ'], required: true },
  },
  { _id: false },
);

const schema = new Schema<UserDocument>(
  {
    email: { type: String, required: true },
    emailConfirmedAt: { type: Date, default: null },
    passwordHash: { type: String, required: true },
    iin: { type: String, required: true },
    surname: { type: String, default: null },
    givenName: { type: String, default: null },
    patronymic: { type: String, default: null },
    phone: { type: String, default: null },
    locale: { type: String, enum: LOCALES, required: true },
    lockedUntil: { type: Date, default: null },
    unconfirmedUntil: { type: Date, default: null },
    personalData: { type: personalData, default: null },
    address: { type: address, default: null },
    phoneChange: { type: pendingSmsCodeSchema, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The repository lower-cases and trims e-mails before they reach the index, so a plain unique index is case-blind.
schema.index({ email: 1 }, { unique: true, name: USER_EMAIL_INDEX });
schema.index({ iin: 1 }, { unique: true, name: USER_IIN_INDEX });
// The TTL monitor skips null values, so only registrations waiting for their e-mail link ever expire.
schema.index({ unconfirmedUntil: 1 }, { expireAfterSeconds: 0, name: 'users_unconfirmed_ttl' });

export const userModel = (connection: Connection): Model<UserDocument> => connection.model<UserDocument>('User', schema, 'users');
