/**
 * E-mail addresses as Kilt keeps and compares them: trimmed and lower-cased, so the store's unique index is
 * case-blind and every lookup agrees with it.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
