// Valid IINs and BINs for the test people and companies. The real NCA test certificates use identifiers that fail
// the check digit; ours pass it, so that a verifier that checks it can be tested with the generated PKI.

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  return digits.reduce((sum, digit, index) => sum + digit * weights[index]!, 0) % 11;
}

/** The 12th digit of an IIN/BIN, or null when the 11-digit prefix is never issued (both passes give 10). */
export function kzCheckDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const first = weightedSum(digits, FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weightedSum(digits, SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

/** Appends the check digit, moving to the next sequence number while the prefix is unissuable. */
function complete(head: string, sequence: number, sequenceDigits: number): string {
  for (let next = sequence; ; next += 1) {
    const prefix = head + String(next % 10 ** sequenceDigits).padStart(sequenceDigits, '0');
    const check = kzCheckDigit(prefix);
    if (check !== null) return prefix + check;
  }
}

/** IIN: YYMMDD, century-and-sex digit (3/4 = 1900s, 5/6 = 2000s; odd = male), 4-digit sequence, check digit. */
export function makeIin(birthDate: string, sex: 'male' | 'female', sequence: number): string {
  const [year, month, day] = birthDate.split('-');
  if (!year || !month || !day) throw new TypeError(`birth date must be YYYY-MM-DD: ${birthDate}`);
  const centuryDigit = (Number(year) >= 2000 ? 5 : 3) + (sex === 'female' ? 1 : 0);
  return complete(`${year.slice(2)}${month}${day}${centuryDigit}`, sequence, 4);
}

/** BIN of a resident legal entity's head office: YYMM of registration, type 4, attribute 0, sequence, check digit. */
export function makeBin(registered: string, sequence: number): string {
  const [year, month] = registered.split('-');
  if (!year || !month) throw new TypeError(`registration month must be YYYY-MM: ${registered}`);
  return complete(`${year.slice(2)}${month}40`, sequence, 5);
}
