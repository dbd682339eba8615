// The read side's benchmarks: a generated ledger of 1,000,000 events with one heavy programme and
// one heavy budget of 100,000 events each beside a thousand ordinary programmes. Rebuild speed with
// the read-model digest; questions now, as of a position and on a date, for the heavy entities as
// for ordinary ones; the first page of findings; verify of the journal and the read models. Every
// line prints what the same machine does raw in the same run: the rows the answer reads, summed by
// one SQL statement.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { verifyJournal } from '@geldstroom/event-store';
import { SqliteEventStore } from '@geldstroom/event-store/sqlite/sqlite-event-store';
import {
  budgetExecution,
  findings,
  LedgerReader,
  programmeCost,
  Projector,
  ReadStore,
  repositoryFindingRules,
  verifyReadModels,
  type FindingRules,
} from '@geldstroom/projections';
import { generateLedger, type GeneratedLedger } from '@geldstroom/projections/testing/generated-ledger';
import { ReadModelDigest, type RowValues } from '@geldstroom/projections/store/digest';
import { TABLES } from '@geldstroom/projections/store/schema';
import { perSecond, report } from './bench-report';
import { latencyReport, timeEach } from './latency';

const QUERIES = 500;
const ROWS_PER_COPY = 10_000;
const rules: FindingRules = repositoryFindingRules();

export async function projectionBenches(dir: string, events: number): Promise<void> {
  const store = SqliteEventStore.open({ path: join(dir, 'ledger.sqlite') });
  const heavy = Math.min(100_000, Math.floor(events / 10));
  const ledger = await generateLedger(store, { events, programmes: 1_000, budgets: 200, heavyProgrammeEvents: heavy, heavyBudgetEvents: heavy });
  const readStore = await rebuild(dir, store, ledger);
  const reader = new LedgerReader(readStore);
  queriesNow(readStore, reader, ledger);
  queriesAsOf(readStore, reader, ledger);
  findingsPage(readStore, reader);
  await verifyAll(store, readStore, ledger);
  readStore.close();
  await store.close();
}

/** From nothing: the projector reads the whole log into a new file (in its worker thread). */
async function rebuild(dir: string, store: SqliteEventStore, ledger: GeneratedLedger): Promise<ReadStore> {
  // Raw: plain better-sqlite3 copying every event's bytes into another file, in batches.
  let started = process.hrtime.bigint();
  const source = new Database(join(dir, 'ledger.sqlite'), { readonly: true });
  const target = new Database(join(dir, 'raw-copy.sqlite'));
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = OFF');
  target.exec('CREATE TABLE copy (position INTEGER PRIMARY KEY, stream_id TEXT, body BLOB)');
  const insert = target.prepare('INSERT INTO copy VALUES (?, ?, ?)');
  const flush = target.transaction((items: unknown[][]) => {
    for (const row of items) insert.run(row[0], row[1], row[2]);
  });
  let batch: unknown[][] = [];
  for (const row of source.prepare('SELECT position, stream_id, body FROM events ORDER BY position').raw().iterate() as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length === 5_000) {
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
  const projector = new Projector(store, readStore, { rules });
  projector.start();
  await projector.catchUp();
  await projector.stop();
  const eventsPerS = perSecond(ledger.events, started);
  const alone = rowsAlone(dir, readStore, projector.state.digest, ledger.events);
  report({
    bench: 'rebuild',
    eventsPerS,
    rawEventsPerS,
    events: ledger.events,
    raw: 'copy every event into another SQLite file, one thread',
    digest: projector.state.digest,
    goalEventsPerS: 50_000,
    rowsPerEvent: Number((alone.rows / ledger.events).toFixed(2)),
    rowsAloneEventsPerS: Math.round(alone.eventsPerS),
    ratioToRowsAlone: Number((eventsPerS / alone.eventsPerS).toFixed(2)),
  });
  return readStore;
}

/**
 * The floor under any rebuild with these read models: writing the rows it left, and nothing else.
 * Every row of the rebuilt file is written again into a new file of the same schema (without the
 * indexes a rebuild defers, as a rebuild writes it) in transactions of ROWS_PER_COPY, each row's
 * hash added to a digest, nothing folded or derived; only the writing and hashing are timed. The
 * digest must come out as the rebuild's: the same rows, hashed as the writer hashes them.
 */
function rowsAlone(dir: string, rebuilt: ReadStore, digest: string, events: number): { rows: number; eventsPerS: number } {
  const path = join(dir, 'rows-alone.sqlite');
  const target = ReadStore.open(path);
  target.dropDeferredIndexes();
  const sum = new ReadModelDigest();
  let [rows, writingNs] = [0, 0n];
  for (const table of TABLES) {
    const select = rebuilt.db.prepare(`SELECT * FROM ${table}`).raw();
    const columns = select.columns().map((column) => column.name);
    const insert = target.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const write = target.db.transaction((chunk: RowValues[]) => {
      for (const row of chunk) {
        insert.run(row);
        sum.addRow(table, row);
      }
    });
    let chunk: RowValues[] = [];
    const flush = (): void => {
      const started = process.hrtime.bigint();
      write(chunk);
      writingNs += process.hrtime.bigint() - started;
      rows += chunk.length;
      chunk = [];
    };
    for (const row of select.iterate() as Iterable<RowValues>) {
      chunk.push(row);
      if (chunk.length === ROWS_PER_COPY) flush();
    }
    flush();
  }
  target.close();
  // As large as the read models: gone before the benchmarks after it.
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
  if (sum.toHex() !== digest) throw new Error(`the rows copied digest to ${sum.toHex()}, the rebuild to ${digest}`);
  return { rows, eventsPerS: (events * 1e9) / Number(writingNs) };
}

/** Programme cost and budget execution now, the heavy entity and ordinary ones. */
function queriesNow(readStore: ReadStore, reader: LedgerReader, ledger: GeneratedLedger): void {
  const cut = reader.resolveCut();
  const programmeRows = readStore.db.prepare('SELECT sum(committed_cents), sum(realised_cents) FROM programme_days WHERE programme_id = ?');
  const budgetRows = readStore.db.prepare('SELECT sum(committed_cents), sum(realised_cents) FROM budget_days WHERE budget_id = ?');
  const ordinary = ledger.programmeIds.slice(0, QUERIES);
  const heavyProgramme = Array.from({ length: QUERIES }, () => ledger.heavyProgrammeId!);
  const heavyBudget = Array.from({ length: QUERIES }, () => ledger.heavyBudgetId!);
  const ordinaryBudgets = Array.from({ length: QUERIES }, (_, i) => ledger.budgetIds[i % ledger.budgetIds.length]);
  for (const [bench, ids, query, raw] of [
    ['programme-cost-now-heavy', heavyProgramme, (id: string) => programmeCost(reader, id, cut), programmeRows],
    ['programme-cost-now-ordinary', ordinary, (id: string) => programmeCost(reader, id, cut), programmeRows],
    ['budget-execution-now-heavy', heavyBudget, (id: string) => budgetExecution(reader, id, cut), budgetRows],
    ['budget-execution-now-ordinary', ordinaryBudgets, (id: string) => budgetExecution(reader, id, cut), budgetRows],
  ] as const) {
    const rawTimes = timeEach(ids, (id) => raw.get(id));
    latencyReport(bench, timeEach(ids, query), rawTimes, { goalP95Ms: 5, raw: 'one SQL sum over the rows the answer reads' });
  }
}

/** The heavy programme as of random positions, on random dates, and both. */
function queriesAsOf(readStore: ReadStore, reader: LedgerReader, ledger: GeneratedLedger): void {
  const head = reader.resolveCut().position;
  const id = ledger.heavyProgrammeId!;
  const positions = Array.from({ length: QUERIES / 5 }, (_, i) => String(Math.floor(head / 4) + ((i * 104_729) % Math.floor(head / 2))));
  const dates = Array.from({ length: QUERIES / 5 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 700) * 86_400_000).toISOString().slice(0, 10));
  // Raw: the programme's movements learnt by then, summed in SQL: what an answer costs without snapshots.
  const raw = readStore.db.prepare('SELECT sum(committed_cents), sum(realised_cents) FROM movements WHERE programme_id = ? AND q <= ?');
  const rawTimes = timeEach(positions, (asOf) => raw.get(id, Number(asOf)));
  const goal = { goalP95Ms: 50, raw: "one SQL sum over the programme's movements up to the position" };
  latencyReport('programme-cost-as-of-heavy', timeEach(positions, (asOf) => programmeCost(reader, id, reader.resolveCut({ asOf }))), rawTimes, goal);
  latencyReport('programme-cost-on-heavy', timeEach(dates, (on) => programmeCost(reader, id, reader.resolveCut({ on }))), rawTimes, goal);
  latencyReport('programme-cost-as-of-on-heavy', timeEach(positions, (asOf, i) => programmeCost(reader, id, reader.resolveCut({ asOf, on: dates[i] }))), rawTimes, goal);
}

function findingsPage(readStore: ReadStore, reader: LedgerReader): void {
  const raw = readStore.db.prepare('SELECT body FROM findings ORDER BY date, id LIMIT 100');
  const runs = Array.from({ length: QUERIES }, (_, i) => i);
  const rawTimes = timeEach(runs, () => raw.all());
  const count = findings(reader, reader.resolveCut(), rules, { limit: 100 }).count;
  latencyReport('findings-first-page', timeEach(runs, () => findings(reader, reader.resolveCut(), rules, { limit: 100 })), rawTimes, { goalP95Ms: 20, findings: count, raw: 'the page of rows read by one SQL statement' });
}

/** The journal, then the read models derived again from it and compared with the live ones. */
async function verifyAll(store: SqliteEventStore, readStore: ReadStore, ledger: GeneratedLedger): Promise<void> {
  let started = process.hrtime.bigint();
  const journal = await verifyJournal(store);
  const rawEventsPerS = perSecond(journal.eventsChecked, started);
  started = process.hrtime.bigint();
  const readModels = await verifyReadModels({ address: store.address!, livePath: readStore.path, rules });
  if (!journal.ok || !readModels.ok) throw new Error(`verify failed: ${JSON.stringify({ journal: journal.failure, readModels: readModels.difference })}`);
  const eventsPerS = perSecond(ledger.events, started);
  report({ bench: 'verify-read-models', eventsPerS, rawEventsPerS, events: ledger.events, raw: 'verify of the journal alone (hashes and Merkle tree), same run' });
}
