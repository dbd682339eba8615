import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@geldstroom/event-store';
import { Projector, ReadStore, repositoryFindingRules } from '@geldstroom/projections';
import { generateLedger } from '@geldstroom/projections/testing/generated-ledger';

async function main() {
  const events = Number(process.env.N ?? 20000);
  const dir = mkdtempSync(join(tmpdir(), 'probe-'));
  const store = SqliteEventStore.open({ path: join(dir, 'ledger.sqlite') });
  const heavy = Math.floor(events / 10);
  let t = Date.now();
  const ledger = await generateLedger(store, { events, programmes: 1_000, budgets: 200, heavyProgrammeEvents: heavy, heavyBudgetEvents: heavy });
  console.log('generated', ledger.events, Date.now() - t, 'ms', dir);
  t = Date.now();
  const readStore = ReadStore.open(join(dir, 'projections.sqlite'));
  const projector = new Projector(store, readStore, { rules: repositoryFindingRules(), workerFromEvents: Infinity, onProgress: (n) => { if (n % 2000 === 0) console.log('  applied', n, Date.now() - t, 'ms'); } });
  projector.start();
  await projector.catchUp();
  await projector.stop();
  console.log('rebuilt', Date.now() - t, 'ms');
}
main();
