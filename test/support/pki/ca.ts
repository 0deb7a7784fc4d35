// Root → intermediate, plus the intermediate's OCSP responder certificate.
import {
  type CaIdentities,
  type CaIdentity,
  intermediateExtensions,
  ocspResponderExtensions,
  rootExtensions,
} from './ca-profile.ts';
import { type IssuedCertificate, type KeyIdentifiers, issueCertificate, keyIdentifiers } from './certificate.ts';
import type { PkiUrls } from './end-entity-profile.ts';
import { encodeName } from './name.ts';
import type { Signer } from './signer.ts';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

export interface CaHierarchy {
  readonly root: IssuedCertificate;
  readonly intermediate: IssuedCertificate;
  readonly ocspResponder: IssuedCertificate;
}

export interface CaKeys {
  readonly root: Signer;
  readonly intermediate: Signer;
  readonly ocspResponder: Signer;
}

function identifiersOf(identity: CaIdentity, signer: Signer): KeyIdentifiers {
  return identity.imitated ?? keyIdentifiers(signer, 'ca');
}

const shifted = (now: Date, milliseconds: number) => new Date(now.getTime() + milliseconds);

export function createCaHierarchy(identities: CaIdentities, keys: CaKeys, urls: PkiUrls, now: Date): CaHierarchy {
  const { algorithm } = keys.root;
  const rootIds = identifiersOf(identities.root, keys.root);
  const rootName = encodeName(identities.root.subject);
  const rootIssuer = { keyId: rootIds.subjectKeyId, name: rootName, serial: rootIds.serial };
  const root = issueCertificate(
    {
      ...rootIds,
      issuerName: rootName,
      subjectName: rootName,
      notBefore: shifted(now, -2 * YEAR),
      notAfter: shifted(now, 8 * YEAR),
      extensions: rootExtensions({ algorithm, subjectKeyId: rootIds.subjectKeyId, issuer: rootIssuer, urls }),
    },
    keys.root,
    keys.root,
  );

  const intermediateIds = identifiersOf(identities.intermediate, keys.intermediate);
  const intermediate = issueCertificate(
    {
      ...intermediateIds,
      issuerName: rootName,
      subjectName: encodeName(identities.intermediate.subject),
      notBefore: shifted(now, -YEAR),
      notAfter: shifted(now, 6 * YEAR),
      extensions: intermediateExtensions({ algorithm, subjectKeyId: intermediateIds.subjectKeyId, issuer: rootIssuer, urls }),
    },
    keys.intermediate,
    keys.root,
  );

  const responderIds = keyIdentifiers(keys.ocspResponder, 'endEntity');
  const ocspResponder = issueCertificate(
    {
      ...responderIds,
      issuerName: intermediate.subjectName,
      subjectName: encodeName(identities.ocspResponder.subject),
      notBefore: shifted(now, -30 * DAY),
      notAfter: shifted(now, 335 * DAY),
      extensions: ocspResponderExtensions(responderIds.subjectKeyId, intermediate.subjectKeyId),
    },
    keys.ocspResponder,
    keys.intermediate,
  );
  return { root, intermediate, ocspResponder };
}
