import { ProfileError, ProfileFormError } from './profile-error.ts';

/** Trimmed, runs of whitespace made one space: text pasted from documents carries stray spaces and line breaks. */
export const tidy = (value: string): string => value.trim().replace(/\s+/g, ' ');

/** The problems of one form, collected field by field so that the person sees all of them at once. */
export class FormProblems {
  readonly #found: Record<string, ProfileError> = {};

  add(field: string, problem: ProfileError): void {
    this.#found[field] ??= problem;
  }

  /** The tidied text of a field; a problem when it is empty (unless optional) or longer than `max`. */
  text(field: string, value: string, max: number, optional = false): string | null {
    const text = tidy(value);
    if (text === '' && !optional) this.add(field, new ProfileError('profile.required'));
    else if (text.length > max) this.add(field, new ProfileError('profile.too_long', `${field} over ${max}`, { max: String(max) }));
    return text === '' ? null : text;
  }

  /** Throws the form's problems, if it has any. */
  check(): void {
    if (Object.keys(this.#found).length > 0) throw new ProfileFormError(this.#found);
  }
}
