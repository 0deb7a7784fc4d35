// The keys the development instance's NCALayer emulator offers: one for each way into Kilt a developer wants to try.
import type { EmulatorKey } from './ncalayer-emulator.ts';
import {
  SECOND_ORGANIZATION_SIGNER,
  SECOND_TEST_ORGANIZATION,
  type TestEndEntity,
  type TestPki,
  signCms,
} from '../../test/support/pki/index.ts';

/** What /dev/ncalayer shows of a key, beside what the emulator needs to sign with it. */
export interface DevelopmentKey extends EmulatorKey {
  readonly fullName: string;
  readonly iin: string;
  readonly bin: string | null;
  readonly organization: string | null;
  /** The test PKI's name of the certificate's role: individual, firstHead, signingRight, employee… */
  readonly role: string;
  readonly roleText: string;
  readonly algorithm: string;
  /** Why a developer would pick it. */
  readonly purpose: string;
}

const ROLE_TEXTS: Readonly<Record<string, string>> = {
  individual: 'физическое лицо',
  firstHead: 'первый руководитель',
  signingRight: 'право подписи',
  financialSigningRight: 'право финансовой подписи',
  hr: 'сотрудник отдела кадров',
  employee: 'сотрудник',
};

const ALGORITHM_TEXTS: Readonly<Record<string, string>> = { gost512: 'ГОСТ 34.10-2015 (512)', gost256: 'ГОСТ 34.10-2015 (256)', rsa: 'RSA' };

function describeKey(entity: TestEndEntity, algorithm: string, purpose: string): DevelopmentKey {
  const person = entity.person!;
  const fullName = `${person.surname} ${person.name} ${person.patronymic}`;
  const roleText = ROLE_TEXTS[entity.role] ?? entity.role;
  const company = entity.organization ? `${roleText}, ${entity.organization.name} (БИН ${entity.organization.bin})` : roleText;
  const algorithmText = ALGORITHM_TEXTS[algorithm] ?? algorithm;
  return {
    label: `${fullName} · ИИН ${person.iin} · ${company} · ${algorithmText}`,
    sign: (data, attached) => signCms(data, entity, { detached: !attached }),
    fullName,
    iin: person.iin,
    bin: entity.organization?.bin ?? null,
    organization: entity.organization?.name ?? null,
    role: entity.role,
    roleText,
    algorithm: algorithmText,
    purpose,
  };
}

/**
 * The demo head first (she has the demo account, so the emulator starts as it always did), then a newcomer, an employee
 * of the demo company and the signing-right holder of a company Kilt does not know yet.
 */
export async function developmentKeys(pki: TestPki): Promise<readonly DevelopmentKey[]> {
  const { firstHead, individual, employee } = pki.endEntities;
  const secondCompany = await pki.issue({ role: 'signingRight', person: SECOND_ORGANIZATION_SIGNER, organization: SECOND_TEST_ORGANIZATION });
  return [
    describeKey(firstHead, pki.algorithm, 'вход в демо-аккаунт'),
    describeKey(individual, pki.algorithm, 'регистрация физического лица'),
    describeKey(employee, pki.algorithm, 'регистрация сотрудника: руководитель добавил этот ИИН в участники (Добавлен, декларант)'),
    describeKey(secondCompany, pki.algorithm, 'регистрация новой компании лицом с правом подписи'),
  ];
}
