/**
 * The check digit of a Kazakh IIN or BIN (reference/kz-portals.md §1.4): Σ dᵢ·wᵢ mod 11 with weights 1…11; a result
 * of 10 is recomputed with weights 3…11, 1, 2, and a second 10 means the number is never issued (unlike the Russian
 * OKPO rule, which would write 0).
 */
const FIRST_PASS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_PASS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

const weighted = (digits: readonly number[], weights: readonly number[]): number =>
  digits.reduce((sum, digit, index) => sum + digit * weights[index]!, 0) % 11;

/** The 12th digit for these first 11 digits, or null when no number starting so is ever issued. */
export function kzCheckDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) throw new TypeError('expected 11 digits');
  const digits = [...first11].map(Number);
  const first = weighted(digits, FIRST_PASS);
  if (first !== 10) return first;
  const second = weighted(digits, SECOND_PASS);
  return second === 10 ? null : second;
}

/** Twelve digits whose last one is the check digit of the others; an IIN and a BIN are checked alike. */
export function isValidKzId(value: string): boolean {
  return /^\d{12}$/.test(value) && kzCheckDigit(value.slice(0, 11)) === Number(value[11]);
}
