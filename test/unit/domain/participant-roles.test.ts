import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTICIPANT_ROLES, HEAD_ROLE, participantRoles, participantRolesSetting } from '../../../src/domain/participants/roles.ts';
import { loadConfig } from '../../../src/config/load-config.ts';
import { ConfigError } from '../../../src/config/config-error.ts';
import { LOCALES } from '../../../src/pki/messages.ts';

const problemsOf = (value: string): readonly string[] => {
  try {
    loadConfig({ KILT_PARTICIPANT_ROLES: value });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('participant roles', () => {
  it('defaults to Декларант, Бухгалтер and Руководитель отдела, with stable codes', () => {
    expect(loadConfig({}).participants.roles).toEqual([
      { code: 'declarant', label: 'Декларант' },
      { code: 'accountant', label: 'Бухгалтер' },
      { code: 'department_head', label: 'Руководитель отдела' },
    ]);
    expect(participantRolesSetting.parse(DEFAULT_PARTICIPANT_ROLES)).toEqual(loadConfig({}).participants.roles);
  });

  it('reads code=Label pairs, trimming the spaces around them', () => {
    expect(loadConfig({ KILT_PARTICIPANT_ROLES: ' declarant = Таможенный представитель ,broker2=Брокер,' }).participants.roles).toEqual([
      { code: 'declarant', label: 'Таможенный представитель' },
      { code: 'broker2', label: 'Брокер' },
    ]);
  });

  it('refuses codes that are not lower-case identifiers, the reserved head, repeats, missing labels', () => {
    expect(problemsOf('Declarant=Декларант')).toEqual([expect.stringMatching(/^KILT_PARTICIPANT_ROLES\.0\.code: role codes are lower-case/)]);
    expect(problemsOf('1st=Первый')).toEqual([expect.stringMatching(/^KILT_PARTICIPANT_ROLES\.0\.code/)]);
    expect(problemsOf('head=Руководитель')).toEqual([expect.stringMatching(/"head" is reserved/)]);
    expect(problemsOf('declarant=Декларант,declarant=Брокер')).toEqual([expect.stringMatching(/each role code once/)]);
    expect(problemsOf('declarant')).toEqual([expect.stringMatching(/every role needs a label/)]);
    expect(problemsOf('declarant=')).toEqual([expect.stringMatching(/every role needs a label/)]);
    expect(problemsOf(',')).toEqual([expect.stringMatching(/at least one role/)]);
  });

  it("names the default roles in Kazakh and English, and a deployment's own roles by their configured label", () => {
    const roles = participantRoles([
      { code: 'declarant', label: 'Декларант' },
      { code: 'department_head', label: 'Руководитель отдела' },
      { code: 'broker', label: 'Таможенный брокер' },
    ]);
    expect(roles.assignable).toEqual(['declarant', 'department_head', 'broker']);
    expect(LOCALES.map((locale) => roles.label('department_head', locale))).toEqual(['Руководитель отдела', 'Бөлім басшысы', 'Head of department']);
    expect(roles.label('declarant', 'en')).toBe('Declarant');
    expect(roles.label('broker', 'kk')).toBe('Таможенный брокер');
  });

  it('gives administrators their own label, but never as a role to assign', () => {
    const roles = participantRoles([{ code: 'declarant', label: 'Декларант' }]);
    expect(roles.label(HEAD_ROLE, 'ru')).toBe('Руководитель (администратор)');
    expect(roles.label(HEAD_ROLE, 'en')).toBe('Head (administrator)');
    expect(roles.isAssignable(HEAD_ROLE)).toBe(false);
    expect(roles.isAssignable('declarant')).toBe(true);
  });

  it('shows the code of a role no longer configured', () => {
    expect(participantRoles([{ code: 'declarant', label: 'Декларант' }]).label('accountant', 'ru')).toBe('accountant');
  });
});
