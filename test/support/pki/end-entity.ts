// Issuing NCA-profile end-entity certificates under a test intermediate.
import { type IssuedCertificate, issueCertificate, keyIdentifiers } from './certificate.ts';
import {
  type KeyPurpose,
  type PkiUrls,
  type Role,
  defaultPurpose,
  endEntityExtensions,
  endEntitySubject,
} from './end-entity-profile.ts';
import { encodeName } from './name.ts';
import { TEST_ORGANIZATION, TEST_PEOPLE, type TestOrganization, type TestPerson } from './people.ts';
import { type Signer, generateSigner } from './signer.ts';

export interface TestEndEntity extends IssuedCertificate {
  readonly role: Role;
  readonly purpose: KeyPurpose;
  /** Absent for an information system. */
  readonly person?: TestPerson;
  /** Absent for an individual. */
  readonly organization?: TestOrganization;
}

export interface EndEntitySpec {
  readonly role: Role;
  /** Default: 'auth' for RSA, 'single' for GOST. */
  readonly purpose?: KeyPurpose;
  /** Default: the test person of the role (none for an information system). */
  readonly person?: TestPerson;
  /** Default: TEST_ORGANIZATION for legal-entity roles. */
  readonly organization?: TestOrganization;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Default: a fresh key pair. */
  readonly signer?: Signer;
}

/** What TestPki.issue takes: validity defaults to currentValidity of the PKI's clock. */
export type IssueSpec = Omit<EndEntitySpec, 'notBefore' | 'notAfter'> & Partial<Pick<EndEntitySpec, 'notBefore' | 'notAfter'>>;

const DAY = 86_400_000;

/** One year of validity around `now`, as NCA issues it. */
export function currentValidity(now: Date): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now.getTime() - 30 * DAY), notAfter: new Date(now.getTime() + 335 * DAY) };
}

export async function issueEndEntity(issuer: IssuedCertificate, urls: PkiUrls, spec: EndEntitySpec): Promise<TestEndEntity> {
  const { role } = spec;
  const algorithm = issuer.signer.algorithm;
  const signer = spec.signer ?? (await generateSigner(algorithm));
  if (signer.algorithm !== algorithm) throw new TypeError(`a ${algorithm} CA cannot certify a ${signer.algorithm} key`);
  const purpose = spec.purpose ?? defaultPurpose(algorithm);
  const person = spec.person ?? (role === 'informationSystem' ? undefined : TEST_PEOPLE[role]);
  const organization = spec.organization ?? (role === 'individual' ? undefined : TEST_ORGANIZATION);
  const { subjectKeyId, serial } = keyIdentifiers(signer, 'endEntity');
  const certificate = issueCertificate(
    {
      serial,
      subjectKeyId,
      issuerName: issuer.subjectName,
      subjectName: encodeName(endEntitySubject(algorithm, { person, organization })),
      notBefore: spec.notBefore,
      notAfter: spec.notAfter,
      extensions: endEntityExtensions({ algorithm, role, purpose, subjectKeyId, issuerKeyId: issuer.subjectKeyId, urls }),
    },
    signer,
    issuer.signer,
  );
  return { ...certificate, role, purpose, ...(person && { person }), ...(organization && { organization }) };
}
