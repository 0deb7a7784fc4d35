/** A store command run without MONGODB_URI (exit 2): there is no store outside the server process to talk to. */
export class StoreRequiredError extends Error {
  override name = 'StoreRequiredError';

  constructor(command: string) {
    super(
      `"kilt ${command}" works on the shared MongoDB store, and MONGODB_URI is not set. Without it the server uses ` +
        'the memory store, which lives inside the server process: no other process can reach it, and it is gone when ' +
        'the server stops. Set MONGODB_URI to the database the servers use, or describe clients and users in a seed ' +
        'file (KILT_SEED_FILE) that the server applies at start.',
    );
  }
}
