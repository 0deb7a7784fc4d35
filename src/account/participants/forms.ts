import { z } from 'zod';

/** Longer than any IIN or role code: what was typed comes back in the form, the domain says what is wrong with it. */
const field = z.string().max(256).catch('');

export const addForm = z.object({ iin: field, role: field });

/** The IIN field exists only on the form of a participant still «Добавлен». */
export const editForm = z.object({ iin: z.string().max(256).optional().catch(undefined), role: field });

export const statusForm = z.object({ confirm: z.literal('yes').optional().catch(undefined) });

/** Ids come from the store (a UUID or an ObjectId); anything else cannot name a participant. */
export const PARTICIPANT_ID = /^[A-Za-z0-9-]{1,64}$/;

/** After a change the table opens at its first page, where the changed row now is (last change first). */
export const DONE = ['added', 'edited', 'excluded', 'restored'] as const;
export type Done = (typeof DONE)[number];

export const doneQuery = z.object({ done: z.enum(DONE), iin: z.string().regex(/^\d{12}$/) });
