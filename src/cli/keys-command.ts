import { z } from 'zod';
import { SIGNING_ALGORITHMS } from '../provider/keys/generate-key-set.ts';
import { rotateKeys } from '../provider/keys/key-set.ts';
import type { StoreCommand } from './command-context.ts';
import { parseOptions } from './command-options.ts';
import { UsageError } from './usage-error.ts';

/** `kilt keys rotate`: a new key set signs from now on; the previous ones stay published (see KEY_SETS_KEPT). */
export function keysCommand(args: string[]): StoreCommand {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'rotate') throw new UsageError(`unknown keys command "${subcommand ?? ''}"`);
  parseOptions(rest, {}, z.object({}));
  return async ({ store, config, print }) => {
    const keys = await rotateKeys(store.keys);
    const signing = keys.signingKeys.slice(0, SIGNING_ALGORITHMS.length).map((key) => ({ alg: key['alg'], kid: key['kid'] }));
    print({
      ok: true,
      revision: keys.revision,
      signing,
      published: keys.signingKeys.length,
      note: `running Kilt processes switch to the new keys within ${config.oidc.keysRefreshMs / 1000} s`,
    });
    return 0;
  };
}
