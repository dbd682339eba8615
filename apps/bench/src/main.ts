// `npm run bench`: measures the ledger against plain better-sqlite3 on this machine, now.
// BENCH_EVENTS sets the size of the replay/verify log (default 1,000,000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendConcurrent, appendSequential, fill, replay, verify } from './store-benches';

async function main(): Promise<void> {
  const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'geldstroom-bench-'));
  try {
    await appendSequential(dir);
    await appendConcurrent(dir);
    const { store, raw } = await fill(dir, events);
    await replay(store, raw, events);
    await verify(store, raw, events);
    raw.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
