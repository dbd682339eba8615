// The read-model benchmarks of the projections issue, on a generated ledger of 1,000,000 events
// across 1,000 programmes and 200 budgets: rebuild speed, and query latency now and as of.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore } from '@geldstroom/event-store/sqlite/sqlite-event-store';
import { LedgerReader } from '@geldstroom/projections/reader';
import { programmeCost } from '@geldstroom/projections/programme-cost';
import { Projector } from '@geldstroom/projections/projector';
import { ReadStore } from '@geldstroom/projections/read-store';
import { generateLedger, type GeneratedLedger } from '@geldstroom/projections/testing/generated-ledger';
import { perSecond, report } from './bench-report';

const QUERIES = 1_000;

export async function projectionBenches(dir: string, events: number): Promise<void> {
  const store = SqliteEventStore.open({ path: join(dir, 'ledger.sqlite') });
  const ledger = await generateLedger(store, { events, programmes: 1_000, budgets: 200 });
  const readStore = await rebuild(dir, store, ledger);
  const reader = new LedgerReader(readStore);
  queryNow(readStore, reader, ledger);
  queryAsOf(reader, ledger);
  readStore.close();
  await store.close();
}

/** Drops nothing and starts from nothing: the projector reads the whole log into a new file. */
async function rebuild(dir: string, store: SqliteEventStore, ledger: GeneratedLedger): Promise<ReadStore> {
  // Raw: plain better-sqlite3 copying every event's bytes into another file, in batches.
  let started = process.hrtime.bigint();
  const source = new Database(join(dir, 'ledger.sqlite'), { readonly: true });
  const target = new Database(join(dir, 'raw-copy.sqlite'));
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  target.exec('CREATE TABLE copy (position INTEGER PRIMARY KEY, stream_id TEXT, body BLOB)');
  const insert = target.prepare('INSERT INTO copy VALUES (?, ?, ?)');
  const rows = source.prepare('SELECT position, stream_id, body FROM events ORDER BY position').raw().iterate() as Iterable<unknown[]>;
  let batch: unknown[][] = [];
  const flush = target.transaction((items: unknown[][]) => {
    for (const row of items) insert.run(row[0], row[1], row[2]);
  });
  for (const row of rows) {
    batch.push(row);
    if (batch.length === 2_000) {
      flush(batch);
      batch = [];
    }
  }
  flush(batch);
  const rawEventsPerS = perSecond(ledger.events, started);
  source.close();
  target.close();

  started = process.hrtime.bigint();
  const readStore = ReadStore.open(join(dir, 'projections.sqlite'));
  const projector = new Projector(store, readStore);
  projector.start();
  await projector.catchUp();
  await projector.stop();
  const eventsPerS = perSecond(ledger.events, started);
  report({ bench: 'rebuild', eventsPerS, rawEventsPerS, events: ledger.events, raw: 'copy every event into another SQLite file, in one thread', readerThread: true });
  return readStore;
}

function queryNow(readStore: ReadStore, reader: LedgerReader, ledger: GeneratedLedger): void {
  const cut = reader.resolveCut();
  // Raw: the programme's money summed by one indexed SQL query, no attribution.
  const raw = readStore.db.prepare(
    "SELECT sum(json_extract(data, '$.amountCents')) FROM facts WHERE programme_id = ? AND type IN ('GrantAdvancePaid', 'PurchasePaid')",
  );
  const rawTimes = timeEach(ledger.programmeIds, (id) => raw.get(id));
  // Warm-up: each budget's pools folded once for this ledger state, as after the first question.
  for (const id of ledger.programmeIds) programmeCost(reader, id, cut);
  const times = timeEach(ledger.programmeIds, (id) => programmeCost(reader, id, cut));
  latencyReport('query-programme-cost', times, rawTimes, { goalP95Ms: 20 });
}

function queryAsOf(reader: LedgerReader, ledger: GeneratedLedger): void {
  const head = reader.resolveCut().position;
  const picks = Array.from({ length: QUERIES / 10 }, (_, i) => ledger.programmeIds[(i * 7919) % ledger.programmeIds.length]);
  const times = timeEach(picks, (id, i) => {
    const asOf = String(Math.floor(head / 4) + ((i * 104_729) % Math.floor(head / 2)));
    return programmeCost(reader, id, reader.resolveCut({ asOf }));
  });
  latencyReport('query-as-of', times, undefined, { goalP95Ms: 500, note: 'every query at another journal position: no cache' });
}

function timeEach<T>(items: readonly T[], work: (item: T, index: number) => unknown): number[] {
  return items.slice(0, QUERIES).map((item, i) => {
    const started = process.hrtime.bigint();
    work(item, i);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
}

function percentile(times: readonly number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function latencyReport(bench: string, times: number[], rawTimes: number[] | undefined, extra: Record<string, unknown>): void {
  const p95Ms = Number(percentile(times, 95).toFixed(2));
  const line: Record<string, unknown> = { bench, p50Ms: Number(percentile(times, 50).toFixed(2)), p95Ms, queries: times.length, ...extra };
  if (rawTimes) {
    const rawP95Ms = Number(percentile(rawTimes, 95).toFixed(3));
    line.rawP95Ms = rawP95Ms;
    line.raw = 'one indexed SQL sum of the programme’s payments';
    line.ratio = Number((rawP95Ms / p95Ms).toFixed(3));
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
