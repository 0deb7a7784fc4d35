import { type Der, TAG, readOid, sequence } from './der.ts';
import { PkiError } from './errors.ts';

export interface AlgorithmIdentifier {
  readonly oid: string;
  /** The parameters element, if any (absent and NULL are both common). */
  readonly parameters: Der | undefined;
}

export function parseAlgorithmIdentifier(element: Der | undefined, what: string): AlgorithmIdentifier {
  const [algorithm, parameters, ...rest] = sequence(element, what);
  if (rest.length > 0) throw new PkiError('pki.malformed', `${what}: extra fields`);
  return { oid: readOid(algorithm, what), parameters };
}

export function hasNoParameters(algorithm: AlgorithmIdentifier): boolean {
  const { parameters } = algorithm;
  return !parameters || (parameters.tag === TAG.NULL && parameters.value.length === 0);
}
