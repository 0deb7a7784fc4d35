// One temporary folder per test run, removed when the run ends. os.tmpdir() reads TMPDIR, which the test workers and
// the processes they start inherit: the trust directories, seed files, outboxes and browser profiles of the tests, and
// the compile cache of the Kilt processes they spawn, all go under it instead of piling up in the system's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'kilt-test-run-'));
  process.env['TMPDIR'] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
