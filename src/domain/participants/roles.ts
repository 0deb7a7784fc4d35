import { z } from 'zod';
import type { Locale } from '../../pki/messages.ts';

/**
 * The participant role of the company's administrators: given by Kilt when a first head or signing-right certificate
 * registers the company, never by an administrator, so no configured role may take its code.
 */
export const HEAD_ROLE = 'head';

export const DEFAULT_PARTICIPANT_ROLES = 'declarant=Декларант,accountant=Бухгалтер,department_head=Руководитель отдела';

export interface ConfiguredRole {
  /** Stable: relying parties read it in the `organization` claim's roles. */
  readonly code: string;
  /** As the deployment names it (Russian, the default locale). */
  readonly label: string;
}

const configuredRole = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'role codes are lower-case latin letters, digits and "_", starting with a letter')
    .refine((code) => code !== HEAD_ROLE, `"${HEAD_ROLE}" is reserved for the company's administrators`),
  label: z.string().min(1, 'every role needs a label, e.g. declarant=Декларант'),
});

/** KILT_PARTICIPANT_ROLES: `code=Label` pairs separated by commas. */
export const participantRolesSetting = z
  .string()
  .transform((text) =>
    text.split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => {
      const separator = pair.indexOf('=');
      return separator < 0 ? { code: pair, label: '' } : { code: pair.slice(0, separator).trim(), label: pair.slice(separator + 1).trim() };
    }),
  )
  .pipe(
    z
      .array(configuredRole)
      .min(1, 'at least one role')
      .refine((roles) => new Set(roles.map((role) => role.code)).size === roles.length, 'each role code once'),
  );

/** Kazakh and English names of the default roles; a deployment's own roles show their configured label everywhere. */
const TRANSLATIONS: Readonly<Record<string, Readonly<Record<Exclude<Locale, 'ru'>, string>>>> = {
  declarant: { kk: 'Декларант', en: 'Declarant' },
  accountant: { kk: 'Бухгалтер', en: 'Accountant' },
  department_head: { kk: 'Бөлім басшысы', en: 'Head of department' },
};

const HEAD_LABELS: Readonly<Record<Locale, string>> = {
  ru: 'Руководитель (администратор)',
  kk: 'Басшы (әкімші)',
  en: 'Head (administrator)',
};

export interface ParticipantRoles {
  /** The codes an administrator may give, in the configured order. */
  readonly assignable: readonly string[];
  isAssignable(code: string): boolean;
  /** A role no longer configured keeps showing its code rather than nothing. */
  label(code: string, locale: Locale): string;
}

export function participantRoles(configured: readonly ConfiguredRole[]): ParticipantRoles {
  const labels = new Map(configured.map((role) => [role.code, role.label]));
  return {
    assignable: configured.map((role) => role.code),
    isAssignable: (code) => labels.has(code),
    label(code, locale) {
      if (code === HEAD_ROLE) return HEAD_LABELS[locale];
      const label = labels.get(code);
      if (label === undefined) return code;
      return locale === 'ru' ? label : (TRANSLATIONS[code]?.[locale] ?? label);
    },
  };
}
