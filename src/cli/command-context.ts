import type { Config } from '../config/schema.ts';
import type { Store } from '../domain/store.ts';

/** What a store command runs against; the CLI opens MongoDB for it, tests pass the store of a running provider. */
export interface CommandContext {
  readonly store: Store;
  readonly config: Config;
  /** One JSON object per command, like the pki commands print. */
  readonly print: (result: Record<string, unknown>) => void;
}

/** A parsed store command, ready to run; its exit code: 0 done, 1 refused (the printed object says why). */
export type StoreCommand = (context: CommandContext) => Promise<number>;
