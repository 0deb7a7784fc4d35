/**
 * The one error type of Kilt: a stable code that clients, logs and tests rely on, an English detail for operators,
 * and the values a localized message interpolates. Messages are rendered only at the edge (screens, CLI, API).
 */
export class KiltError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly detail: string;
  readonly params: Readonly<Record<string, string>>;

  constructor(code: Code, detail: string = code, params: Record<string, string> = {}) {
    super(`${code}: ${detail}`);
    this.name = 'KiltError';
    this.code = code;
    this.detail = detail;
    this.params = params;
  }
}
