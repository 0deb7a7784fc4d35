import { describe, expect, it } from 'vitest';
import { availableProfiles, INDIVIDUAL_NAME, matchesHint, type ProfileContext, silentProfile } from '../../../src/domain/sign-in/profiles.ts';
import type { ParticipantRecord, ParticipantStatus } from '../../../src/domain/store.ts';
import type { CertificateIdentity } from '../../../src/pki/identity.ts';

const IIN = '900515301201';
const ALPHA = { bin: '150440001234', name: 'ТОО "АЛЬФА"', createdAt: new Date() };
const BETA = { bin: '160540002345', name: 'АО "БЕТА"', createdAt: new Date() };

function participant(bin: string, status: ParticipantStatus, role = 'Декларант'): ParticipantRecord {
  return { id: `${bin}-${IIN}`, organizationBin: bin, iin: IIN, role, status, createdAt: new Date(), updatedAt: new Date() };
}

function certificate(overrides: Partial<CertificateIdentity> = {}): CertificateIdentity {
  return {
    iin: IIN, bin: undefined, commonName: 'ИСКАКОВ АЙДАР', surname: 'ИСКАКОВ', givenName: 'АЙДАР', patronymic: 'ЕРЛАНОВИЧ',
    organization: undefined, email: undefined, country: 'KZ', subjectType: 'individual', roles: [], serialNumber: '01',
    issuer: 'CA', notBefore: '', notAfter: '', ...overrides,
  };
}

function context(overrides: Partial<ProfileContext> = {}): ProfileContext {
  return {
    certificate: certificate(),
    participants: [participant(ALPHA.bin, 'registered'), participant(BETA.bin, 'restored', 'head')],
    organizations: new Map([[ALPHA.bin, ALPHA], [BETA.bin, BETA]]),
    client: { profilePolicy: 'membership', profileTypes: ['individual', 'legal_entity'] },
    ...overrides,
  };
}

describe('profiles', () => {
  it('offers the individual and every company where the person is registered or restored', () => {
    expect(availableProfiles(context())).toEqual([
      { type: 'individual', bin: null, name: INDIVIDUAL_NAME, roles: [] },
      { type: 'legal_entity', bin: ALPHA.bin, name: ALPHA.name, roles: ['Декларант'] },
      { type: 'legal_entity', bin: BETA.bin, name: BETA.name, roles: ['head'] },
    ]);
  });

  it('leaves out companies where the person is only added or excluded', () => {
    const profiles = availableProfiles(context({ participants: [participant(ALPHA.bin, 'added'), participant(BETA.bin, 'excluded')] }));
    expect(profiles.map((profile) => profile.type)).toEqual(['individual']);
  });

  it('adds the certificate roles to the company the certificate belongs to', () => {
    const profiles = availableProfiles(context({ certificate: certificate({ bin: ALPHA.bin, subjectType: 'legal_entity', roles: ['first_head'] }) }));
    expect(profiles.find((profile) => profile.bin === ALPHA.bin)!.roles).toEqual(['Декларант', 'first_head']);
    expect(profiles.find((profile) => profile.bin === BETA.bin)!.roles).toEqual(['head']);
  });

  it('with the certificate policy, offers only the company of the login certificate', () => {
    const keden = { profilePolicy: 'certificate' as const, profileTypes: ['individual', 'legal_entity'] as const };
    expect(availableProfiles(context({ client: keden })).map((profile) => profile.bin)).toEqual([null]);
    const withCompanyKey = availableProfiles(context({ client: keden, certificate: certificate({ bin: BETA.bin, roles: ['signing_right'] }) }));
    expect(withCompanyKey.map((profile) => profile.bin)).toEqual([null, BETA.bin]);
  });

  it('respects the profile types a client allows', () => {
    const companiesOnly = availableProfiles(context({ client: { profilePolicy: 'membership', profileTypes: ['legal_entity'] } }));
    expect(companiesOnly.map((profile) => profile.bin)).toEqual([ALPHA.bin, BETA.bin]);
  });

  it('chooses silently when there is one profile or a matching hint, and asks otherwise', () => {
    const profiles = availableProfiles(context());
    expect(silentProfile(profiles.slice(0, 1), undefined)).toBe(profiles[0]);
    expect(silentProfile(profiles, BETA.bin)).toBe(profiles[2]);
    expect(silentProfile(profiles, 'individual')).toBe(profiles[0]);
    expect(silentProfile(profiles, 'not a hint')).toBeUndefined();
    expect(silentProfile(profiles, undefined)).toBeUndefined();
    expect(silentProfile([], undefined)).toBeUndefined();
  });

  it('tells whether a profile is the one a hint or the profile form names', () => {
    const [individual, alpha] = availableProfiles(context());
    expect(matchesHint(individual!, 'individual')).toBe(true);
    expect(matchesHint(alpha!, ALPHA.bin)).toBe(true);
    expect(matchesHint(alpha!, 'individual')).toBe(false);
    expect(matchesHint(individual!, ALPHA.bin)).toBe(false);
  });

  it('takes no profile silently when the hint names a company the person cannot act for, even if one remains', () => {
    const [individual, alpha] = availableProfiles(context());
    expect(silentProfile([individual!], undefined)).toBe(individual);
    expect(silentProfile([individual!, alpha!], ALPHA.bin)).toBe(alpha);
    expect(silentProfile([individual!], '999999999999')).toBeUndefined();
    expect(silentProfile([individual!, alpha!], undefined)).toBeUndefined();
  });
});
