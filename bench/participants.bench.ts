// «Участники ЮЛ» of a company with 10 000 participants on the memory store: how fast the table's pages come (not a test).
// Usage: npm run bench:participants   (BENCH_REQUESTS to change the requests per page measured)
import { rmSync } from 'node:fs';
import { createMemoryStore } from '../src/adapters/memory/index.ts';
import { createAccount } from '../test/support/kilt/accounts.ts';
import { browser } from '../test/support/kilt/browser.ts';
import { signInToCabinet } from '../test/support/kilt/cabinet.ts';
import { trustDirectoryOf } from '../test/support/kilt/files.ts';
import { startTestKilt } from '../test/support/kilt/start-test-kilt.ts';
import { TEST_ORGANIZATION, createTestPki, makeIin } from '../test/support/pki/index.ts';

const PARTICIPANTS = 10_000;
const PER_PAGE = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARM_UP = 20;
const TARGET_MS = 100;
const PASSWORD = 'bench password 2026';
const DAY = 86_400_000;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function main(): Promise<void> {
  console.log(`Kilt «Участники ЮЛ» benchmark — Node ${process.version}, memory store, Kilt and this client in one process on 2 shared cores\n`);
  const pki = await createTestPki({ algorithm: 'gost512' });
  const store = createMemoryStore();
  const head = await createAccount(store, 'head@bench.kz', pki.endEntities.firstHead, PASSWORD);
  await store.organizations.upsert(TEST_ORGANIZATION);
  const inserting = performance.now();
  await store.participants.add({ organizationBin: TEST_ORGANIZATION.bin, iin: head.iin, role: 'head', status: 'registered' });
  for (let i = 1; i < PARTICIPANTS; i++) {
    const born = new Date(Date.UTC(1960, 0, 1) + i * DAY).toISOString().slice(0, 10);
    await store.participants.add({ organizationBin: TEST_ORGANIZATION.bin, iin: makeIin(born, i % 2 ? 'male' : 'female', 1000 + (i % 7)), role: i % 4 ? 'declarant' : 'accountant', status: 'added' });
  }
  console.log(`${PARTICIPANTS} participants inserted through the store in ${(performance.now() - inserting).toFixed(0)} ms`);

  const trustDirectory = trustDirectoryOf(pki);
  const kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectory } });
  try {
    // The head signs in to the cabinet as the company, through the sign-in screens as a browser does.
    const agent = browser(kilt.url);
    await signInToCabinet(agent, kilt.url, { email: 'head@bench.kz', password: PASSWORD, key: pki.endEntities.firstHead, profile: TEST_ORGANIZATION.bin });
    const pages = Math.ceil(PARTICIPANTS / PER_PAGE);
    const timed = async (page: number): Promise<number> => {
      const started = performance.now();
      const response = await agent.get(`/account/participants?page=${page}&per_page=${PER_PAGE}`);
      const html = response.text;
      const elapsed = performance.now() - started;
      const rows = html.match(/<tr data-id=/g)?.length ?? 0;
      if (response.status !== 200 || rows !== PER_PAGE || !html.includes(`${PER_PAGE} из ${PARTICIPANTS} шт.`)) throw new Error(`page ${page}: ${response.status}, ${rows} rows`);
      return elapsed;
    };
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
    const all: number[] = [];
    for (const [name, page] of [['first', 1], ['middle', Math.ceil(pages / 2)], ['last', pages]] as const) {
      for (let i = 0; i < WARM_UP; i++) await timed(page);
      const latencies: number[] = [];
      for (let i = 0; i < REQUESTS; i++) latencies.push(await timed(page));
      all.push(...latencies);
      console.log(`${`${name} page (${page} of ${pages}, ${PER_PAGE} rows)`.padEnd(34)} ${REQUESTS} requests: p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
    }
    const p99 = percentile(all, 0.99);
    console.log(`all pages: p50 ${percentile(all, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms   target < ${TARGET_MS} ms (p99) ${verdict(p99 < TARGET_MS)}`);
  } finally {
    await kilt.stop();
    rmSync(trustDirectory, { recursive: true, force: true });
  }
}

await main();
