/** Password hashing behind a port: argon2id in production (src/adapters/passwords), anything in unit tests. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
