import { addressClaim } from '../domain/profile/address.ts';
import type { UserRecord } from '../domain/store.ts';

type Claims = Record<string, unknown>;

function defined(claims: Claims): Claims {
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== null && value !== undefined && value !== ''));
}

/** The person's claims from the account; the names come from the certificate (DESIGN.md, Who signs in with what). */
export function personClaims(user: UserRecord): Claims {
  return defined({
    sub: user.id,
    // ФИО order, as Kazakh documents and portals print it.
    name: [user.surname, user.givenName, user.patronymic].filter(Boolean).join(' '),
    family_name: user.surname,
    given_name: user.givenName,
    middle_name: user.patronymic,
    locale: user.locale,
    email: user.email,
    email_verified: user.emailConfirmedAt !== null,
    phone_number: user.phone,
    // A phone is stored only once its SMS code was entered.
    phone_number_verified: user.phone === null ? null : true,
    // Filled in the cabinet («Данные профиля»); absent until then.
    address: user.address ? addressClaim(user.address) : null,
    iin: user.iin,
  });
}
