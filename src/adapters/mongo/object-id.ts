import { Types } from 'mongoose';

/** Ids handed out by this store are ObjectId hex strings; any other string names nothing (rather than failing a cast). */
export function objectIdOrNull(id: string): Types.ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}
