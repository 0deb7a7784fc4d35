#!/usr/bin/env node
// Node ≥ 22.18 runs the TypeScript sources directly (type stripping), so a fresh clone needs no build step.
// Node's compile cache keeps each module's stripped source and bytecode on disk (os.tmpdir() unless NODE_COMPILE_CACHE
// names a folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off). A start that finds every module there never loads the
// type stripper, whose WebAssembly and source stay in memory once loaded: about 20 MB less RSS, and a quicker start.
import { enableCompileCache } from 'node:module';
import { availableParallelism } from 'node:os';

// argon2id runs in libuv's thread pool, which libuv sizes on first use: one thread per core, unless the operator chose.
// More threads than cores add a 19 MiB hash in memory each without hashing faster, and four threads on two cores were
// measured slower (sign-ins/s) than two.
process.env.UV_THREADPOOL_SIZE ??= String(availableParallelism());
// bin/serve.sh preloads jemalloc for this process only: a process Kilt starts (the embedded mongod, which brings its own
// tcmalloc) gets the environment without it.
if (process.env.LD_PRELOAD !== undefined) {
  const others = process.env.LD_PRELOAD.split(/[\s:]+/).filter((library) => library !== '' && !/(^|\/)libjemalloc[^/]*$/.test(library));
  if (others.length > 0) process.env.LD_PRELOAD = others.join(' ');
  else delete process.env.LD_PRELOAD;
}
enableCompileCache();
await import('../src/cli/main.ts');
