// The adapter's mapping, without a server: what it writes must read back into the same
// event and the same hashed bytes, whatever the server does to JSON on the way.
import { randomUUID } from 'node:crypto';
import type { RecordedEvent as EsdbEvent } from '@eventstore/db-client';
import type { EventToAppend } from '../event-store.port';
import { CURRENT_HASH_SCHEME, GENESIS_HASH, recomputeHash } from '../integrity/event-hash';
import {
  comparePositions,
  decodeEvent,
  encodeBatch,
  headOf,
  isGeldstroomEvent,
  isPortEvent,
  isValidStreamPrefix,
  toPortPosition,
} from './eventstoredb-records';

const prefix = 'run-1/';

function grant(amountCents: number): EventToAppend {
  return {
    id: randomUUID().toUpperCase(),
    type: 'GrantAwarded',
    data: { amountCents, note: 'Zuid-Limburg € 😀', nested: { list: [1, 'two', null, true] } },
    metadata: { actor: 'records-spec' },
  };
}

/** What the client hands back after the server stored `written` at `revision` and `at`. */
function asServerGivesBack(written: ReturnType<typeof encodeBatch>['data'][number], revision: number, at: number) {
  return {
    streamId: `${prefix}grant-1`,
    id: written.id.toLowerCase(),
    isJson: true,
    revision: BigInt(revision),
    type: written.type,
    created: new Date(),
    data: JSON.parse(JSON.stringify(written.data)),
    metadata: JSON.parse(JSON.stringify(written.metadata)),
    position: { commit: BigInt(at), prepare: BigInt(at) },
  } as EsdbEvent;
}

describe('EventStoreDB event mapping', () => {
  it('chains a batch from genesis and reads back the same events and hashed bytes', () => {
    const events = [grant(100), grant(200)];
    const recordedAt = '2025-01-02T03:04:05.678Z';
    const { data, last } = encodeBatch('grant-1', events, undefined, recordedAt);
    const read = data.map((written, i) => decodeEvent(asServerGivesBack(written, i, 1000 + i * 250), prefix));

    expect(read.map((e) => e.streamId)).toEqual(['grant-1', 'grant-1']);
    expect(read.map((e) => e.position)).toEqual([1000, 1250]);
    expect(read[0].data).toEqual(events[0].data);
    expect(read[0].metadata).toEqual(events[0].metadata);
    expect(read[0].previousHash).toBe(GENESIS_HASH.toString('hex'));
    expect(read[1].previousHash).toBe(read[0].hash);
    for (const event of read) {
      expect(event.hashScheme).toBe(CURRENT_HASH_SCHEME);
      expect(recomputeHash(event.previousHash, event)).toBe(event.hash);
    }
    expect(last).toEqual(headOf(read[1]));
  });

  it('continues the chain from a stream head', () => {
    const first = encodeBatch('grant-1', [grant(1)], undefined, '2025-01-01T00:00:00.000Z');
    const second = encodeBatch('grant-1', [grant(2)], first.last, '2025-01-01T00:00:01.000Z');
    const read = decodeEvent(asServerGivesBack(second.data[0], 1, 5000), prefix);
    expect(read.revision).toBe(1);
    expect(read.previousHash).toBe(first.last.hash.toString('hex'));
  });

  it('refuses an event without the integrity block', () => {
    const { data } = encodeBatch('grant-1', [grant(1)], undefined, '2025-01-01T00:00:00.000Z');
    const foreign = { ...asServerGivesBack(data[0], 0, 10), metadata: { actor: 'someone' } } as EsdbEvent;
    expect(() => decodeEvent(foreign, prefix)).toThrow(/\$geldstroom block/);
  });

  it('shows the port only its own streams: no system streams or types, no digests', () => {
    expect(isPortEvent('run-1/grant-1', 'GrantAwarded', prefix)).toBe(true);
    expect(isPortEvent('run-2/grant-1', 'GrantAwarded', prefix)).toBe(false);
    expect(isPortEvent('run-1/geldstroom-digests', 'DigestKept', prefix)).toBe(false);
    expect(isPortEvent('run-1/grant-1', '$>', prefix)).toBe(false);
    expect(isPortEvent('$stats-127.0.0.1:2113', 'StatsCollected', '')).toBe(false);
    expect(isPortEvent('grant-1', 'GrantAwarded', '')).toBe(true);
  });

  it('keeps stores apart: a prefix ends at the separator, and no store sees under another', () => {
    expect(isValidStreamPrefix('run-1/')).toBe(true);
    expect(isValidStreamPrefix('')).toBe(true);
    expect(isValidStreamPrefix('run-1')).toBe(false); // would swallow run-10/
    expect(isValidStreamPrefix('a/b/')).toBe(false); // would fall under a/
    expect(isPortEvent('run-10/grant-1', 'GrantAwarded', prefix)).toBe(false);
    expect(isPortEvent('run-1/other/grant-1', 'GrantAwarded', prefix)).toBe(false);
    // The unprefixed store: names without a separator only, never a prefixed store's streams.
    expect(isPortEvent('contract-run-1a2b3c4d/grant-1', 'GrantAwarded', '')).toBe(false);
  });

  it('tells events written through this adapter from anything else on the server', () => {
    const { data } = encodeBatch('grant-1', [grant(1)], undefined, '2025-01-01T00:00:00.000Z');
    const ours = asServerGivesBack(data[0], 0, 10);
    expect(isGeldstroomEvent(ours)).toBe(true);
    expect(isGeldstroomEvent({ ...ours, metadata: { actor: 'someone' } } as EsdbEvent)).toBe(false);
    expect(isGeldstroomEvent({ ...ours, isJson: false, data: new Uint8Array([1]) } as unknown as EsdbEvent)).toBe(false);
  });

  it('takes the commit position as the port position, and only when it names one event', () => {
    expect(toPortPosition({ commit: 42n, prepare: 42n })).toBe(42);
    expect(() => toPortPosition({ commit: 42n, prepare: 40n })).toThrow(/explicit transaction/);
    expect(() => toPortPosition({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toThrow(/safe integer/);
    expect(() => toPortPosition(undefined)).toThrow(/22\.6/);
    expect(comparePositions({ commit: 5n, prepare: 5n }, { commit: 5n, prepare: 6n })).toBe(-1);
  });
});
