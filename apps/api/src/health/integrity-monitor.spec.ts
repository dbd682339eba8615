// The ledger's health is its own verdict: what callers bring is checked for them only, unless the
// ledger signed it; and verifies share their scans, so parallel requests cannot pile up work.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigService } from '@nestjs/config';
import Database from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { JournalDigester, SqliteEventStore } from '@geldstroom/event-store';
import type { Configuration } from '../config/configuration';
import type { DocumentFiles } from '../documents/document-files';
import type { ReadModels } from '../queries/projections.module';
import { IntegrityMonitor, UntrustedCheckpointError, VERIFY_WAITING_MAX, VerifyAbortedError, VerifyBusyError } from './integrity-monitor';

const config = { get: () => 0 } as unknown as ConfigService<Configuration, true>;
let dir: string;
let store: SqliteEventStore;

async function ledger(signingKey?: KeyObject): Promise<{ monitor: IntegrityMonitor; digester: JournalDigester; readModels: ReadModels }> {
  store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  for (let i = 1; i <= 6; i += 1) {
    await store.append(`party-${i}`, [{ id: `0190a6f0-0000-7000-8000-00000000000${i}`, type: 'PartyRegistered', data: {}, metadata: {} }], 'no_stream');
  }
  const digester = new JournalDigester(store, signingKey ? { signingKey } : {});
  // The read models' own verify is tested with them (projector.spec.ts); here the journal alone.
  const readModels = { verify: async () => undefined } as unknown as ReadModels;
  // The documents' files are tested with them (documents e2e); here the journal alone.
  const documents = { verify: async () => undefined } as unknown as DocumentFiles;
  return { monitor: new IntegrityMonitor(store, config, digester, readModels, documents), digester, readModels };
}

beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'geldstroom-monitor-'))));
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('checks a made-up digest for its caller only: the health stays the ledger’s own verdict', async () => {
  const { monitor } = await ledger();
  expect((await monitor.verifyOwn()).ok).toBe(true);
  const madeUp = { treeSize: 1_000_000_000, rootHash: 'ab'.repeat(32), issuedAt: '' };
  expect((await monitor.verifyFor([madeUp])).failure).toMatchObject({ kind: 'log-truncated' });
  expect(monitor.lastOwnReport).toMatchObject({ ok: true });
});

it('keeps an alarm raised by a checkpoint the ledger signed: a plain verify does not clear it', async () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const { monitor, digester } = await ledger(privateKey);
  const checkpoint = await digester.current();
  // The tail is cut off behind the ledger's back, kept digests and all.
  const db = new Database(join(dir, 'events.sqlite'));
  db.prepare('DELETE FROM events WHERE position > 4').run();
  db.prepare('DELETE FROM kept_digests').run();
  db.close();
  expect((await monitor.verifyOwn()).ok).toBe(true);

  expect((await monitor.verifyFor([checkpoint])).failure).toMatchObject({ kind: 'log-truncated' });
  expect(monitor.lastOwnReport?.failure).toMatchObject({ kind: 'log-truncated' });
  await monitor.verifyFor([]);
  await monitor.verifyOwn();
  expect(monitor.lastOwnReport?.failure).toMatchObject({ kind: 'log-truncated' });
});

it('refuses a digest signed by another key than the ledger’s', async () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const { privateKey: otherKey } = generateKeyPairSync('ed25519');
  const { monitor } = await ledger(privateKey);
  const forged = await new JournalDigester(store, { signingKey: otherKey }).current();
  await expect(monitor.verifyFor([forged])).rejects.toBeInstanceOf(UntrustedCheckpointError);
});

it('answers parallel verifies from shared scans, and tells callers past the limit to come back', async () => {
  const { monitor } = await ledger();
  const scans = jest.spyOn(store, 'keptDigests');
  const digest = { treeSize: 1, rootHash: 'cd'.repeat(32), issuedAt: '' };
  const outcomes = await Promise.allSettled(Array.from({ length: VERIFY_WAITING_MAX + 8 }, () => monitor.verifyFor([digest])));
  // One scan was running when the rest arrived; they shared the one after it.
  expect(scans.mock.calls.length).toBeLessThanOrEqual(2);
  const busy = outcomes.filter((o) => o.status === 'rejected');
  expect(busy.length).toBeGreaterThan(0);
  for (const o of busy) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(VerifyBusyError);
  for (const o of outcomes.filter((o) => o.status === 'fulfilled')) {
    expect((o as PromiseFulfilledResult<{ failure?: unknown }>).value.failure).toMatchObject({ kind: 'digest-inconsistent' });
  }
});

it('counts a verify that throws as failed: the ledger’s own verdict, a caller’s answer, and the read models still verified', async () => {
  const { monitor, readModels } = await ledger();
  expect((await monitor.verifyOwn()).ok).toBe(true);
  const derived = jest.spyOn(readModels, 'verify');
  const reading = jest.spyOn(store, 'readJournal').mockImplementation(() => {
    throw new TypeError('argument must be a string');
  });
  const report = await monitor.verifyOwn();
  expect(report).toMatchObject({ ok: false, failure: { kind: 'verify-aborted' } });
  expect(monitor.lastOwnReport).toBe(report);
  expect(derived).toHaveBeenCalled();
  await expect(monitor.verifyFor([])).rejects.toBeInstanceOf(VerifyAbortedError);
  reading.mockRestore();
  expect((await monitor.verifyOwn()).ok).toBe(true);
  expect(monitor.lastOwnReport?.ok).toBe(true);
});

it('lets a verify cut short by the store closing at shutdown fail without an unhandled rejection, and without a verdict', async () => {
  const { monitor } = await ledger();
  monitor.onApplicationShutdown();
  await store.close();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await expect(monitor.verifyOwn()).rejects.toThrow();
    await new Promise((settle) => setTimeout(settle, 20));
    expect(unhandled).toEqual([]);
    expect(monitor.lastOwnReport).toBeUndefined();
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
