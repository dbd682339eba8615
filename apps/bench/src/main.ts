// `npm run bench`: measures the ledger against plain better-sqlite3 on this machine, now.
// BENCH_EVENTS sets the size of the replay, verify and projection ledgers (default 1,000,000);
// BENCH_IMPORT_LINES the size of the export import-bookings imports (default 1,000,000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandBench } from './command-bench';
import { httpBenches } from './http-benches';
import { importBench } from './import-bench';
import { projectionBenches } from './projection-benches';
import { appendConcurrent, appendSequential, fill, replay, verify } from './store-benches';

async function main(): Promise<void> {
  const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'geldstroom-bench-'));
  try {
    if (only('store')) await storeBenches(dir, events);
    if (only('projections')) await projectionBenches(dir, events);
    if (only('http')) await httpBenches(mkdtempSync(join(dir, 'http-')));
    if (only('http-command')) await commandBench(mkdtempSync(join(dir, 'http-command-')));
    if (only('import')) await importBench(mkdtempSync(join(dir, 'import-')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** BENCH_ONLY=store, projections, http, http-command or import runs one part. */
function only(part: string): boolean {
  return !process.env.BENCH_ONLY || process.env.BENCH_ONLY === part;
}

async function storeBenches(dir: string, events: number): Promise<void> {
  await appendSequential(dir);
  await appendConcurrent(dir);
  const { store, raw } = await fill(dir, events);
  await replay(store, raw, events);
  await verify(store, raw, events);
  raw.close();
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
