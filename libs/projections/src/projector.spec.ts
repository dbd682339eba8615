// The read models against the real SQLite store: built live as the log grows, rebuilt from
// nothing, and resumed after a stop, they hold the same facts and give the same answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalDigester, SqliteEventStore } from '@geldstroom/event-store';
import { programmeCost } from './programme-cost';
import { Projector } from './projector';
import { ReadStore } from './read-store';
import { LedgerReader } from './reader';
import { generateLedger, type GeneratedLedger } from './testing/generated-ledger';

const EVENTS = 100_000;

let dir: string;
let store: SqliteEventStore;
let live: ReadStore;
let ledger: GeneratedLedger;

function dump(readStore: ReadStore): string[] {
  return ['facts', 'journal', 'entities'].map((table) =>
    JSON.stringify(readStore.db.prepare(`SELECT * FROM ${table} ORDER BY 1`).raw().all()),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-projections-'));
  store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  live = ReadStore.open(join(dir, 'live.sqlite'));
  // Built incrementally: the projector runs while the ledger is written.
  const projector = new Projector(store, live);
  projector.start();
  ledger = await generateLedger(store, { events: EVENTS, programmes: 200, budgets: 40 });
  await projector.catchUp();
  await projector.stop();
}, 300_000);

afterAll(async () => {
  live.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`holds every one of the ${EVENTS.toLocaleString('en')} events once, with the digest of the journal`, async () => {
  expect(ledger.events).toBeGreaterThanOrEqual(EVENTS);
  const journal = live.db.prepare('SELECT count(*) AS n, max(tree_size) AS size FROM journal').get() as { n: number; size: number };
  expect(journal).toEqual({ n: ledger.events, size: ledger.events });
  const digest = await new JournalDigester(store).current();
  const head = new LedgerReader(live).resolveCut().journal;
  expect(head).toMatchObject({ treeSize: digest.treeSize, rootHash: digest.rootHash, position: digest.headPosition });
});

it.each([
  ['read and derived in a worker thread', 'rebuilt-threaded', {}],
  ['all in one thread', 'rebuilt-one-thread', { readerThreadFrom: Infinity }],
])('rebuilt from the log (%s) gives the same read models and the same answers, with progress', async (_, file, options) => {
  const rebuilt = ReadStore.open(join(dir, `${file}.sqlite`));
  const progress: number[] = [];
  const projector = new Projector(store, rebuilt, { ...options, onProgress: (applied) => progress.push(applied) });
  projector.start();
  // From nothing it fills an unindexed table and sorts the indexes in once at the end.
  expect(rebuilt.hasFactIndexes()).toBe(false);
  await projector.catchUp();
  // Done means indexed: catching up resolves only once they are there.
  expect(rebuilt.hasFactIndexes()).toBe(true);
  await projector.stop();
  expect(progress.length).toBeGreaterThan(10);
  expect(progress[progress.length - 1]).toBe(ledger.events);
  expect(dump(rebuilt)).toEqual(dump(live));

  const [a, b] = [new LedgerReader(live), new LedgerReader(rebuilt)];
  for (const programmeId of ledger.programmeIds.filter((_, i) => i % 37 === 0)) {
    for (const asOf of [undefined, String(Math.floor(ledger.events / 3))]) {
      const request = asOf ? { asOf } : {};
      const fromLive = programmeCost(a, programmeId, a.resolveCut(request), true);
      expect(fromLive).toBeDefined();
      expect(programmeCost(b, programmeId, b.resolveCut(request), true)).toEqual(fromLive);
    }
  }
  rebuilt.close();
}, 300_000);

it('resumes after a stop from its checkpoint, applying no event twice', async () => {
  const resumed = ReadStore.open(join(dir, 'resumed.sqlite'));
  const first = new Projector(store, resumed);
  first.start();
  await first.catchUpTo(Math.floor(ledger.events / 2));
  await first.stop();
  const stoppedAt = first.checkpoint;
  expect(stoppedAt).toBeGreaterThanOrEqual(Math.floor(ledger.events / 2));
  expect(stoppedAt).toBeLessThan(ledger.events);

  const second = new Projector(store, resumed);
  expect(second.checkpoint).toBe(stoppedAt);
  second.start();
  await second.catchUp();
  await second.stop();
  expect(dump(resumed)).toEqual(dump(live));
  resumed.close();
}, 300_000);
