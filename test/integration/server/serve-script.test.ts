// bin/serve.sh, which `npm start` and the image run: the allocator it gives Kilt and the settings that go with it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { arch } from 'node:os';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Debian's libjemalloc2, which CI installs. */
const JEMALLOC = `/usr/lib/${arch() === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/libjemalloc.so.2`;
const jemallocInstalled = existsSync(JEMALLOC);
if (!jemallocInstalled) console.warn(`serve-script.test: ${JEMALLOC} is absent (apt-get install libjemalloc2), so the jemalloc cases are skipped`);

/** npm puts the project's node (node@24) first on the PATH; so does this test. */
const PATH = `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`;
const running: ChildProcess[] = [];

interface Served {
  readonly environment: ReadonlyMap<string, string>;
  readonly libraries: string;
  readonly commandLine: readonly string[];
}

async function serve(env: Readonly<Record<string, string>>): Promise<Served> {
  const port = await freePort();
  const child = spawn('sh', ['bin/serve.sh'], {
    cwd: ROOT,
    env: { PATH, HOME: process.env['HOME'] ?? '/tmp', PORT: String(port), KILT_ISSUER: `http://127.0.0.1:${port}`, KILT_EMBEDDED_MONGO: 'false', KILT_DEV_INSTANCE: 'false', KILT_LOG_LEVEL: 'error', ...env },
    stdio: 'ignore',
  });
  running.push(child);
  for (let attempt = 0; attempt < 150; attempt++) {
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false);
    if (healthy) {
      // `sh` and the script exec node: the pid spawned is Kilt's.
      const proc = `/proc/${child.pid}`;
      const environment = new Map(readFileSync(`${proc}/environ`, 'utf8').split('\0').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
      return { environment, libraries: readFileSync(`${proc}/maps`, 'utf8'), commandLine: readFileSync(`${proc}/cmdline`, 'utf8').split('\0') };
    }
    if (child.exitCode !== null) throw new Error(`bin/serve.sh exited with ${child.exitCode}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('Kilt did not answer /healthz');
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((child) => new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  })));
});

describe('bin/serve.sh', () => {
  it.skipIf(!jemallocInstalled)('runs Kilt on jemalloc where it is installed, reusing a hash memory and purging idle pages', async () => {
    const { environment, libraries, commandLine } = await serve({});
    expect(libraries).toContain(JEMALLOC);
    expect(environment.get('MALLOC_CONF')).toBe('background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0,oversize_threshold:33554432');
    expect(environment.has('MALLOC_ARENA_MAX')).toBe(false);
    expect(commandLine).toEqual(expect.arrayContaining(['--expose-gc', '--max-semi-space-size=4', '--heap-growing-percent=10', 'serve']));
  });

  it.skipIf(!jemallocInstalled)("keeps an operator's own MALLOC_CONF whole", async () => {
    const { environment, libraries } = await serve({ MALLOC_CONF: 'narenas:4' });
    expect(libraries).toContain(JEMALLOC);
    expect(environment.get('MALLOC_CONF')).toBe('narenas:4');
  });

  it("runs Kilt on glibc's malloc, held to two arenas, with KILT_JEMALLOC=off", async () => {
    const { environment, libraries, commandLine } = await serve({ KILT_JEMALLOC: 'off' });
    expect(libraries).not.toContain('libjemalloc');
    expect(environment.get('MALLOC_ARENA_MAX')).toBe('2');
    expect(environment.get('MALLOC_MMAP_THRESHOLD_')).toBe('131072');
    expect(environment.get('GLIBC_TUNABLES')).toBe('glibc.malloc.hugetlb=1');
    expect(environment.has('LD_PRELOAD')).toBe(false);
    expect(commandLine).toEqual(expect.arrayContaining(['--expose-gc', '--max-semi-space-size=4', '--heap-growing-percent=10', 'serve']));
  });

  it("gives node the V8 flags with which the image fills Node's compile cache (one cache per set of flags)", () => {
    const flagsOf = (line: string) => line.match(/--(?:expose-gc|max-semi-space-size=\d+|heap-growing-percent=\d+)/g) ?? [];
    const served = flagsOf(readFileSync(resolve(ROOT, 'bin/serve.sh'), 'utf8').split('\n').find((line) => line.startsWith('exec node'))!);
    const cacheFill = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8').split('\n').filter((line) => /\bnode --/.test(line));
    expect(served).toEqual(['--expose-gc', '--max-semi-space-size=4', '--heap-growing-percent=10']);
    expect(cacheFill).toHaveLength(2);
    for (const line of cacheFill) expect(flagsOf(line)).toEqual(served);
  });

  it('refuses to start when KILT_JEMALLOC names a file that is not there', async () => {
    const failed = await promisify(execFile)('sh', ['bin/serve.sh'], { cwd: ROOT, env: { PATH, KILT_JEMALLOC: '/nonexistent/libjemalloc.so.2' } }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('KILT_JEMALLOC names /nonexistent/libjemalloc.so.2, which cannot be read');
  });
});

describe('bin/kilt.mjs', () => {
  it.skipIf(!jemallocInstalled)("takes jemalloc out of LD_PRELOAD for the processes Kilt starts, and keeps the operator's other libraries", async () => {
    const report = 'data:text/javascript,process.on("exit", () => console.log(JSON.stringify(process.env.LD_PRELOAD ?? null)))';
    const run = (preload: string) => promisify(execFile)(process.execPath, ['--import', report, 'bin/kilt.mjs', 'help'], { cwd: ROOT, env: { PATH, LD_PRELOAD: preload } });
    const alone = await run(JEMALLOC);
    expect(alone.stdout.trim().split('\n').at(-1)).toBe('null');
    // ld.so says on stderr that it skips the missing library, and goes on.
    const withOther = await run(`${JEMALLOC}:/nonexistent/libkept.so`);
    expect(withOther.stdout.trim().split('\n').at(-1)).toBe('"/nonexistent/libkept.so"');
  });
});
