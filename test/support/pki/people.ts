// The fictional people and company behind the generated certificates. IINs and BINs are valid (check digit, date).
import { makeBin, makeIin } from './kz-id.ts';

export interface TestPerson {
  readonly surname: string;
  /** Имя: CN is "SURNAME NAME". */
  readonly name: string;
  /** Отчество, which NCA puts in GIVENNAME (2.5.4.42). */
  readonly patronymic: string;
  readonly iin: string;
  /** Only RSA certificates carry it (older NCA profile). */
  readonly email: string;
}

export interface TestOrganization {
  readonly name: string;
  readonly bin: string;
}

export type PersonRole = 'individual' | 'firstHead' | 'signingRight' | 'financialSigningRight' | 'hr' | 'employee';

export const TEST_ORGANIZATION: TestOrganization = { name: 'ТОО "KILT ТЕСТ"', bin: makeBin('2015-04', 1234) };

/**
 * A second company, which no test registers beforehand, and its signing-right holder: a key that registers a company
 * new to Kilt (the development instance offers it).
 */
export const SECOND_TEST_ORGANIZATION: TestOrganization = { name: 'ТОО "ДАЛА ТРАНЗИТ"', bin: makeBin('2019-06', 4321) };

/** The information system of TEST_ORGANIZATION (a certificate without a person). */
export const TEST_INFORMATION_SYSTEM = { name: 'ИС "KILT ТЕСТ"', uid: '1.2.398.6.10.1.1' } as const;

export const TEST_PEOPLE: Readonly<Record<PersonRole, TestPerson>> = {
  individual: person('ИСКАКОВ', 'АЙДАР', 'ЕРЛАНОВИЧ', makeIin('1990-05-15', 'male', 1201), 'aidar.iskakov@example.kz'),
  firstHead: person('СЕЙТКАЛИЕВА', 'ДИНАРА', 'МАРАТОВНА', makeIin('1978-11-02', 'female', 3402), 'd.seitkalieva@example.kz'),
  signingRight: person('ОМАРОВ', 'НУРЛАН', 'БОЛАТОВИЧ', makeIin('1985-03-21', 'male', 5603), 'n.omarov@example.kz'),
  financialSigningRight: person('ЖАКУПОВА', 'АЙГЕРИМ', 'САКЕНОВНА', makeIin('1988-07-09', 'female', 7804), 'a.zhakupova@example.kz'),
  hr: person('ТЛЕУБАЕВ', 'АРМАН', 'КАЙРАТОВИЧ', makeIin('1992-12-30', 'male', 9005), 'a.tleubaev@example.kz'),
  employee: person('АБДРАХМАНОВА', 'ЖАНАР', 'ЕРБОЛОВНА', makeIin('2001-02-14', 'female', 1106), 'zh.abdrakhmanova@example.kz'),
};

export const SECOND_ORGANIZATION_SIGNER: TestPerson = person('КАСЫМОВ', 'ЕРЖАН', 'ТАЛГАТОВИЧ', makeIin('1983-08-17', 'male', 2207), 'e.kasymov@example.kz');

function person(surname: string, name: string, patronymic: string, iin: string, email: string): TestPerson {
  return { surname, name, patronymic, iin, email };
}
