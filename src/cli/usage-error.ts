/** A mistake in how the command was called (exit code 2), as opposed to a verification that failed (exit code 1). */
export class UsageError extends Error {
  override name = 'UsageError';
}
