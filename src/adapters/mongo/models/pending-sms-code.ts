import { Schema } from 'mongoose';

/** A code sent by SMS and not yet entered (PendingSmsCode): kept by a registration and by an account changing its number. */
export interface PendingSmsCodeDocument {
  phone: string;
  codeHash: string;
  sentAt: Date;
  expiresAt: Date;
  attempts: number;
}

// Without an _id of its own: a value of its holder, not an entity.
export const pendingSmsCodeSchema = new Schema<PendingSmsCodeDocument>(
  {
    phone: { type: String, required: true },
    codeHash: { type: String, required: true },
    sentAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    attempts: { type: Number, required: true },
  },
  { _id: false },
);
