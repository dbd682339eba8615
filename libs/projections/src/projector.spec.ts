// The projector against the real SQLite store: read models built live as the log grows, rebuilt
// from nothing (in a worker thread and in one), and resumed after a stop are the same, row for row
// and digest for digest, and give the same answers. One projector writes a file at a time. And a
// verify re-derives them from the journal and names a row edited behind the projector's back.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { JournalDigester, NICER_THAN_PROCESS, SqliteEventStore } from '@geldstroom/event-store';
import { repositoryFindingRules } from './findings/rules';
import { Projector } from './projector';
import { programmeCost } from './queries/programme-cost';
import { LedgerReader } from './queries/reader';
import { ReadModelLock, ReadModelsLockedError } from './store/lock';
import { ReadStore } from './store/read-store';
import { TABLES } from './store/schema';
import { generateLedger, type GeneratedLedger } from './testing/generated-ledger';
import { verifyReadModels, workPathOf } from './verify/verify-read-models';

const EVENTS = 30_000;
const rules = repositoryFindingRules();

let dir: string;
let store: SqliteEventStore;
let live: ReadStore;
let ledger: GeneratedLedger;

function dump(readStore: ReadStore): string[] {
  return TABLES.map((table) => JSON.stringify(readStore.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all()));
}

async function project(readStore: ReadStore, options: { workerFromEvents?: number; onProgress?: (applied: number) => void } = {}): Promise<Projector> {
  const projector = new Projector(store, readStore, { rules, ...options });
  projector.start();
  await projector.catchUp();
  await projector.stop();
  return projector;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-projections-'));
  store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  live = ReadStore.open(join(dir, 'live.sqlite'));
  // Built incrementally: the projector runs while the ledger is written.
  const projector = new Projector(store, live, { rules });
  projector.start();
  ledger = await generateLedger(store, { events: EVENTS, programmes: 60, budgets: 12 });
  await projector.catchUp();
  await projector.stop();
}, 300_000);

afterAll(async () => {
  live.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`holds every one of the ${EVENTS.toLocaleString('en')} events once, with the journal's tree head`, async () => {
  expect(live.db.prepare('SELECT count(*) AS n, max(tree_size) AS size FROM facts').get()).toEqual({ n: ledger.events, size: ledger.events });
  const digest = await new JournalDigester(store).current();
  expect(new LedgerReader(live).resolveCut().journal).toMatchObject({ treeSize: digest.treeSize, rootHash: digest.rootHash, position: digest.headPosition });
});

it.each([
  ['in a worker thread', 'rebuilt-worker', { workerFromEvents: 0 }],
  ['in one thread', 'rebuilt-one-thread', { workerFromEvents: Infinity }],
])('rebuilt from the log (%s) gives the same read models, digest and answers, with progress', async (_, file, options) => {
  const rebuilt = ReadStore.open(join(dir, `${file}.sqlite`));
  const progress: number[] = [];
  const projector = await project(rebuilt, { ...options, onProgress: (applied) => progress.push(applied) });
  // Done means indexed: catching up resolves only once the indexes queries use are there.
  expect(rebuilt.hasDeferredIndexes()).toBe(true);
  expect(progress.length).toBeGreaterThan(1);
  expect(progress[progress.length - 1]).toBe(ledger.events);
  expect(dump(rebuilt)).toEqual(dump(live));
  expect(projector.state.digest).toBe(live.checkpoint()?.digest);
  const [a, b] = [new LedgerReader(live), new LedgerReader(rebuilt)];
  for (const programmeId of ledger.programmeIds.filter((_, i) => i % 7 === 0)) {
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
  const first = new Projector(store, resumed, { rules, workerFromEvents: Infinity });
  first.start();
  await first.catchUpTo(Math.floor(ledger.events / 2));
  await first.stop();
  const stoppedAt = first.checkpoint;
  expect(stoppedAt).toBeGreaterThanOrEqual(Math.floor(ledger.events / 2));
  expect(stoppedAt).toBeLessThan(ledger.events);
  const second = await project(resumed);
  expect(second.checkpoint).toBe(ledger.events);
  expect(dump(resumed)).toEqual(dump(live));
  resumed.close();
}, 300_000);

it('follows what another handle on the file appends, without anyone asking', async () => {
  const followed = ReadStore.open(join(dir, 'followed.sqlite'));
  const projector = await project(followed);
  projector.start();
  const other = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  try {
    const partyId = `later-${randomUUID().slice(0, 8)}`;
    const { lastPosition: position } = await other.append(
      `party-${partyId}`,
      [{ id: randomUUID(), type: 'PartyRegistered', data: { partyId, name: 'Later', kind: 'company', effectiveDate: '2025-01-02' }, metadata: { actor: 'test', sourceReference: 'test', schemaVersion: 1 } }],
      'no_stream',
    );
    // No catchUpTo: this store's handle saw no commit, so only the projector's own look at the file finds it.
    const deadline = Date.now() + 5_000;
    while (projector.checkpoint < position && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(projector.checkpoint).toBe(position);
    expect(followed.db.prepare('SELECT count(*) AS n FROM facts WHERE position = ?').get(position)).toEqual({ n: 1 });
  } finally {
    await projector.stop();
    await other.close();
    followed.close();
  }
}, 300_000);

/** The niceness of each of this process's threads (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceness(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // After the command name in parentheses (which may hold spaces): state is field 3, nice field 19.
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // a thread that ended while we looked
    }
  });
}

(process.platform === 'linux' ? it : it.skip)('follows the journal on a thread nicer than the one that answers requests (Linux)', async () => {
  const followed = ReadStore.open(join(dir, 'nice.sqlite'));
  const projector = new Projector(store, followed, { rules });
  const before = threadNiceness();
  const own = getPriority();
  projector.start();
  try {
    await projector.catchUp();
    const nicer = Math.min(19, own + NICER_THAN_PROCESS);
    // One thread more at the lower priority than before: the projector's; this one keeps its own.
    expect(threadNiceness().filter((nice) => nice === nicer).length).toBe(before.filter((nice) => nice === nicer).length + 1);
    expect(getPriority()).toBe(own);
  } finally {
    await projector.stop();
    followed.close();
  }
}, 300_000);

describe('one writer per read-model file', () => {
  it('refuses a second projector on the same file, in the same process, naming the holder', () => {
    const first = new Projector(store, live, { rules });
    first.start();
    try {
      expect(() => new Projector(store, ReadStore.open(live.path), { rules }).start()).toThrow(ReadModelsLockedError);
      expect(() => new Projector(store, ReadStore.open(live.path), { rules }).start()).toThrow(new RegExp(`pid ${process.pid}`));
    } finally {
      void first.stop();
    }
  });

  it('refuses it while another process holds the file, and takes it once that process is gone', async () => {
    const path = join(dir, 'held.sqlite');
    const holder = spawn(process.execPath, ['-e', `require(${JSON.stringify(require.resolve('better-sqlite3'))}); const D = require(${JSON.stringify(require.resolve('better-sqlite3'))}); const db = new D(${JSON.stringify(`${path}.lock`)}); db.pragma('locking_mode = EXCLUSIVE'); db.exec('CREATE TABLE IF NOT EXISTS held (id INTEGER PRIMARY KEY); INSERT OR REPLACE INTO held VALUES (1)'); require('fs').writeFileSync(${JSON.stringify(`${path}.owner.json`)}, JSON.stringify({ pid: process.pid, since: 'now', url: 'http://127.0.0.1:1' })); console.log('held'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      expect(ReadModelLock.isHeld(path)).toBe(true);
      expect(() => ReadModelLock.acquire(path)).toThrow(`pid ${holder.pid}, the API at http://127.0.0.1:1`);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // Killed, it held nothing any more: the operating system let go of its lock.
    ReadModelLock.acquire(path).release();
  });
});

describe('verify of the read models', () => {
  it('finds them matching the journal, and says at which checkpoint and how fast', async () => {
    const report = await verifyReadModels({ address: store.address!, livePath: live.path, rules });
    expect(report).toMatchObject({ ok: true, position: ledger.events, events: ledger.events });
    expect(report.digest.rows).toBe(report.digest.derived);
    expect(report.digest.kept).toBe(report.digest.derived);
    expect(report.difference).toBeUndefined();
  }, 120_000);

  it('names the table and key of a row edited behind the projector, and of a kept digest made to fit', async () => {
    const copy = join(dir, 'edited.sqlite');
    execFileSync('cp', [live.path, copy]);
    const db = new Database(copy);
    const row = db.prepare("SELECT programme_id AS id, day, kind, budget_id AS budget FROM programme_days WHERE kind = 'grant' LIMIT 1").get() as { id: string; day: string; kind: string; budget: string };
    db.prepare('UPDATE programme_days SET committed_cents = committed_cents + 80000000 WHERE programme_id = ? AND day = ? AND kind = ? AND budget_id = ?').run(row.id, row.day, row.kind, row.budget);
    db.close();
    const report = await verifyReadModels({ address: store.address!, livePath: copy, rules });
    expect(report.ok).toBe(false);
    expect(report.difference).toMatchObject({ table: 'programme_days', key: { programme_id: row.id, day: row.day, kind: row.kind, budget_id: row.budget } });
    expect((report.difference!.live as { committed_cents: number }).committed_cents - (report.difference!.derived as { committed_cents: number }).committed_cents).toBe(80_000_000);
    expect(report.digest.rows).not.toBe(report.digest.derived);

    // The kept digest rewritten to match the edited rows: the journal still tells.
    const forged = new Database(copy);
    forged.prepare('UPDATE checkpoint SET digest = ?').run(report.digest.rows);
    forged.close();
    const again = await verifyReadModels({ address: store.address!, livePath: copy, rules });
    expect(again.ok).toBe(false);
    expect(again.difference?.table).toBe('programme_days');
  }, 120_000);

  it('leaves nothing on the shutdown signal once it is done: an API verifies many times while it runs', async () => {
    const stopping = new AbortController();
    expect((await verifyReadModels({ address: store.address!, livePath: live.path, rules }, undefined, stopping.signal)).ok).toBe(true);
    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(0);
  }, 120_000);

  it('stops when the process shuts down, its work file taken away with it', async () => {
    const stopping = new AbortController();
    const running = verifyReadModels({ address: store.address!, livePath: live.path, rules }, undefined, stopping.signal);
    // Under way: the worker has begun its work file beside the live one.
    while (!existsSync(workPathOf(live.path))) await new Promise((resolve) => setTimeout(resolve, 10));
    stopping.abort();
    await expect(running).rejects.toThrow('stopped');
    expect(existsSync(workPathOf(live.path))).toBe(false);
    await expect(verifyReadModels({ address: store.address!, livePath: live.path, rules }, undefined, stopping.signal)).rejects.toThrow();
  }, 120_000);
});
