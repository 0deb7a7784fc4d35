import { HEAD_ROLE, type ParticipantRoles } from '../../domain/participants/roles.ts';
import type { ParticipantRecord } from '../../domain/store.ts';
import { type Locale, interpolate } from '../../pki/messages.ts';
import { type ParticipantTexts, statusLabel } from './texts.ts';

export type StatusAction = 'exclude' | 'restore';

export interface FormValues {
  readonly iin: string;
  readonly role: string;
}

/** What the last form left on the page: a refused add or edit keeps what was typed; a status change awaiting «да». */
export interface ListState {
  readonly notice?: string;
  readonly error?: string;
  readonly add?: { readonly values: FormValues; readonly error: string };
  readonly edit?: { readonly id: string; readonly values: Partial<FormValues>; readonly error: string };
  readonly confirming?: { readonly id: string; readonly action: StatusAction };
}

export interface RoleChoice {
  readonly code: string;
  readonly label: string;
}

export interface RowModel {
  readonly id: string;
  readonly iin: string;
  readonly role: string;
  readonly roleLabel: string;
  readonly status: ParticipantRecord['status'];
  readonly statusLabel: string;
  readonly self: boolean;
  readonly questions: Readonly<Record<StatusAction, string>>;
  readonly statusActions: readonly StatusAction[];
  readonly confirming: StatusAction | null;
  /** Null where nothing may be edited: an administrator's role comes from their certificate. */
  readonly edit: {
    readonly open: boolean;
    /** The IIN only while «Добавлен»: afterwards it is someone's registered identity. */
    readonly iin: boolean;
    readonly roles: readonly RoleChoice[];
    readonly values: FormValues;
    readonly error: string | null;
  } | null;
}

export interface RowContext {
  readonly actorIin: string;
  readonly roles: ParticipantRoles;
  readonly locale: Locale;
  readonly texts: ParticipantTexts;
  readonly state: ListState;
  /** The configured roles in the page's language, the same for every row (roleChoices). */
  readonly choices: readonly RoleChoice[];
}

export const roleChoices = (roles: ParticipantRoles, locale: Locale): RoleChoice[] =>
  roles.assignable.map((code) => ({ code, label: roles.label(code, locale) }));

/**
 * The actions Keden offers per status: edit and exclude while the person may act for the company, restore once
 * excluded. Nobody is offered to exclude themselves (the domain refuses it too).
 */
export function rowModel(record: ParticipantRecord, context: RowContext): RowModel {
  const { roles, locale, texts, state, choices } = context;
  const self = record.iin === context.actorIin;
  const excluded = record.status === 'excluded';
  const statusActions: StatusAction[] = excluded ? ['restore'] : self ? [] : ['exclude'];
  const editing = state.edit?.id === record.id ? state.edit : undefined;
  const confirming = state.confirming?.id === record.id && statusActions.includes(state.confirming.action) ? state.confirming.action : null;
  const roleLabel = roles.label(record.role, locale);
  return {
    id: record.id,
    iin: record.iin,
    role: record.role,
    roleLabel,
    status: record.status,
    statusLabel: statusLabel(texts, record.status),
    self,
    questions: {
      exclude: interpolate(texts.excludeQuestion, { iin: record.iin }),
      restore: interpolate(texts.restoreQuestion, { iin: record.iin }),
    },
    statusActions,
    confirming,
    edit: record.role === HEAD_ROLE || excluded ? null : {
      open: editing !== undefined,
      iin: record.status === 'added',
      // A role no longer configured stays selectable for this row, so that saving the IIN does not silently change it.
      roles: roles.isAssignable(record.role) ? choices : [{ code: record.role, label: roleLabel }, ...choices],
      values: { iin: editing?.values.iin ?? record.iin, role: editing?.values.role ?? record.role },
      error: editing?.error ?? null,
    },
  };
}
