// Kilt as `npm start` runs it with no configuration: the development instance (test CA, demo account, NCALayer
// emulator, /dev pages), on the memory store, with its outbox in a temporary data directory.
import { rmSync } from 'node:fs';
import { freePort } from '../free-port.ts';
import { temporaryDirectory } from './files.ts';
import { type TestKilt, startTestKilt } from './start-test-kilt.ts';

export interface DevelopmentKilt extends TestKilt {
  /** The development NCALayer emulator, on a free port of its own. */
  readonly emulatorUrl: string;
}

/** `env` adds to the development settings, e.g. KILT_AGREEMENT_SIGNATURE=required. */
export async function startDevelopmentKilt(env: Readonly<Record<string, string>> = {}): Promise<DevelopmentKilt> {
  const emulatorPort = await freePort();
  const dataDir = temporaryDirectory('dev-data');
  const kilt = await startTestKilt({ env: { KILT_DEV_INSTANCE: 'true', KILT_DEV_NCALAYER_PORT: String(emulatorPort), KILT_DATA_DIR: dataDir, ...env } });
  return {
    ...kilt,
    emulatorUrl: `ws://127.0.0.1:${emulatorPort}/`,
    async stop() {
      await kilt.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
