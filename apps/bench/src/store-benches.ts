// The event store benchmarks of issue 2: appends (sequential, concurrent), replay, verify.
// Event ids are UUIDv7, as the ledger writes them: time-ordered, so the event id index grows
// at its end (random v4 ids would touch a random index page per event and dominate each commit).
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { SqliteEventStore } from '@geldstroom/event-store/sqlite/sqlite-event-store';
import { verifyJournal } from '@geldstroom/event-store/integrity/verify-journal';
import { paymentEvent, perSecond, report } from './bench-report';
import { RawJournal } from './raw-sqlite';

const SEQUENTIAL_EVENTS = 2_000;
const SEQUENTIAL_TURN = 250;
const CONCURRENT_EVENTS = 40_000;
const IN_FLIGHT = 64;
const FILL_BATCH = 1_000;

export async function appendSequential(dir: string): Promise<void> {
  const raw = new RawJournal(join(dir, 'raw-seq.sqlite'));
  const store = SqliteEventStore.open({ path: join(dir, 'seq.sqlite') });
  // Both warm up first (not measured: the first appends compile the code). Then raw and store
  // take turns, a few hundred appends each: every fsync costs what the disk charges at that
  // moment, and that drifts by tens of percent within a minute.
  for (let i = 0; i < SEQUENTIAL_TURN; i += 1) {
    raw.appendOne(`warm-up-${i % 100}`, paymentEvent(uuidv7(), i));
    await store.append(`warm-up-${i % 100}`, [paymentEvent(uuidv7(), i)], 'any');
  }
  let rawNs = 0n;
  let storeNs = 0n;
  for (let n = 0; n < SEQUENTIAL_EVENTS; ) {
    const until = Math.min(n + SEQUENTIAL_TURN, SEQUENTIAL_EVENTS);
    let started = process.hrtime.bigint();
    for (let i = n; i < until; i += 1) raw.appendOne(`grant-${i % 100}`, paymentEvent(uuidv7(), i));
    rawNs += process.hrtime.bigint() - started;
    started = process.hrtime.bigint();
    for (let i = n; i < until; i += 1) await store.append(`grant-${i % 100}`, [paymentEvent(uuidv7(), i)], 'any');
    storeNs += process.hrtime.bigint() - started;
    n = until;
  }
  raw.close();
  await store.close();
  const perS = (ns: bigint) => (SEQUENTIAL_EVENTS * 1e9) / Number(ns);
  report({ bench: 'append-sequential', eventsPerS: perS(storeNs), rawEventsPerS: perS(rawNs), events: SEQUENTIAL_EVENTS });
}

export async function appendConcurrent(dir: string): Promise<void> {
  const raw = new RawJournal(join(dir, 'raw-conc.sqlite'));
  const rawCount = CONCURRENT_EVENTS / 10;
  let started = process.hrtime.bigint();
  for (let n = 0; n < rawCount; n += 1) raw.appendOne(`grant-${n % IN_FLIGHT}`, paymentEvent(uuidv7(), n));
  const rawEventsPerS = perSecond(rawCount, started);
  raw.close();

  const store = SqliteEventStore.open({ path: join(dir, 'conc.sqlite') });
  const perWriter = CONCURRENT_EVENTS / IN_FLIGHT;
  started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, writer) => {
      let expected: number | 'no_stream' = 'no_stream';
      for (let i = 0; i < perWriter; i += 1) {
        const result = await store.append(`grant-${writer}`, [paymentEvent(uuidv7(), i)], expected);
        expected = result.nextExpectedRevision;
      }
    }),
  );
  const eventsPerS = perSecond(CONCURRENT_EVENTS, started);
  await store.close();
  report({
    bench: 'append-concurrent',
    eventsPerS,
    rawEventsPerS,
    raw: 'one transaction per event',
    inFlight: IN_FLIGHT,
    events: CONCURRENT_EVENTS,
  });
}

/** Fills a store and a raw journal with the same number of events, in large appends. */
export async function fill(dir: string, events: number): Promise<{ store: SqliteEventStore; raw: RawJournal }> {
  const store = SqliteEventStore.open({ path: join(dir, 'big.sqlite') });
  const raw = new RawJournal(join(dir, 'raw-big.sqlite'));
  const streams = 10_000;
  for (let base = 0; base < events; base += FILL_BATCH * 8) {
    const appends: Promise<unknown>[] = [];
    for (let b = 0; b < 8 && base + b * FILL_BATCH < events; b += 1) {
      const from = base + b * FILL_BATCH;
      const batch = Array.from({ length: FILL_BATCH }, (_, i) => paymentEvent(uuidv7(), from + i));
      appends.push(store.append(`grant-${(from / FILL_BATCH) % streams}`, batch, 'any'));
      raw.appendMany(batch.map((e, i) => ({ streamId: `grant-${(from + i) % streams}`, data: e })));
    }
    await Promise.all(appends);
  }
  return { store, raw };
}

export async function replay(store: SqliteEventStore, raw: RawJournal, events: number): Promise<void> {
  let started = process.hrtime.bigint();
  let sum = 0;
  raw.replay(() => (sum += 1));
  const rawEventsPerS = perSecond(events, started);

  global.gc?.();
  const heapBeforeMb = process.memoryUsage().heapUsed / 2 ** 20;
  let heapPeakMb = heapBeforeMb;
  let count = 0;
  started = process.hrtime.bigint();
  for await (const event of store.readAll()) {
    count += event.data.amountCents ? 1 : 1;
    if (count % 100_000 === 0) heapPeakMb = Math.max(heapPeakMb, process.memoryUsage().heapUsed / 2 ** 20);
  }
  const eventsPerS = perSecond(count, started);
  if (count !== events) throw new Error(`replay read ${count} of ${events} events`);
  report({
    bench: 'replay',
    eventsPerS,
    rawEventsPerS,
    events: count,
    heapGrowthMb: Math.round(heapPeakMb - heapBeforeMb),
  });
}

export async function verify(store: SqliteEventStore, raw: RawJournal, events: number): Promise<void> {
  let started = process.hrtime.bigint();
  raw.verify();
  const rawEventsPerS = perSecond(events, started);
  started = process.hrtime.bigint();
  const result = await verifyJournal(store);
  const eventsPerS = perSecond(result.eventsChecked, started);
  if (!result.ok || result.eventsChecked !== events) throw new Error(`verify failed: ${JSON.stringify(result)}`);
  report({ bench: 'verify', eventsPerS, rawEventsPerS, events });
}
