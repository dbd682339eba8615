// The cut an `asOf` means: a position, a date's whole day (in the Netherlands) or an instant in any offset, placed by
// when each event was recorded; and one that is no time refused as the caller's mistake, never
// thrown as Date's RangeError nor rolled over into another day.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_HASH_SCHEME, type RecordedEvent } from '@geldstroom/event-store';
import { ReadModelWriter } from '../engine/read-model-writer';
import { repositoryFindingRules } from '../findings/rules';
import { ReadStore } from '../store/read-store';
import { InvalidAsOfError, LedgerReader } from './reader';

const dir = mkdtempSync(join(tmpdir(), 'geldstroom-reader-'));
let store: ReadStore;
let reader: LedgerReader;

/** A party registered at each of these instants, in journal order. */
function partiesRecordedAt(instants: readonly string[]): RecordedEvent[] {
  return instants.map((recordedAt, i) => ({
    id: randomUUID(), streamId: `party-p${i + 1}`, revision: 0, position: i + 1, type: 'PartyRegistered',
    data: { partyId: `p${i + 1}`, name: `Partij ${i + 1}`, kind: 'municipality', effectiveDate: '2024-01-01' },
    metadata: { actor: 'test', sourceReference: `bron ${i + 1}`, schemaVersion: 1 },
    recordedAt, hash: (i + 1).toString(16).padStart(64, '0'), previousHash: '0'.repeat(64), hashScheme: CURRENT_HASH_SCHEME,
  }));
}

beforeAll(() => {
  store = ReadStore.open(join(dir, 'projections.sqlite'));
  new ReadModelWriter(store, repositoryFindingRules()).write(partiesRecordedAt(['2024-02-28T12:00:00.000Z', '2024-02-29T12:00:00.000Z', '2024-03-01T12:00:00.000Z']));
  reader = new LedgerReader(store);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('refuses a position past the head rather than answer it as now: a letter citing position 99 of a journal of 3 cites nothing', () => {
  expect(() => reader.resolveCut({ asOf: '99' })).toThrow('journal position 99 is beyond the last one the answers hold (3)');
  expect(reader.resolveCut({ asOf: '3' }).position).toBe(3);
});

it.each([
  ['a position', '2', 2],
  ['a date: its whole day in the Netherlands', '2024-02-29', 2],
  ['an instant in UTC', '2024-02-29T12:00:00Z', 2],
  ['an instant just before an event', '2024-02-29T11:59:59.999Z', 1],
  ['an instant with an offset', '2024-02-29T13:00+01:00', 2],
  ['an instant whose offset puts it on the next day in UTC', '2024-02-29T23:00:00-13:00', 3],
])('places %s (%s) at position %d', (_what, asOf, position) => {
  expect(reader.resolveCut({ asOf }).position).toBe(position);
});

it.each([
  ['an hour 25', '2024-01-01T25:00:00Z'],
  ['a minute 61', '2024-01-01T10:61:00Z'],
  ['an offset of 99 hours', '2024-01-01T10:00:00+99:00'],
  ['a day February does not have', '2024-02-30'],
  ['an instant on it, which Date would roll over into March', '2024-02-30T10:00:00Z'],
  ['a month 13', '2024-13-45'],
  ['words Date would read', 'March 1, 2024'],
])('refuses %s (%s) as an InvalidAsOfError, not a RangeError', (_what, asOf) => {
  expect(() => reader.resolveCut({ asOf })).toThrow(InvalidAsOfError);
});

describe('a date as asOf', () => {
  let nearMidnight: ReadStore;
  beforeAll(() => {
    nearMidnight = ReadStore.open(join(dir, 'near-midnight.sqlite'));
    // 23:30 and 00:30 in the Netherlands, in winter (UTC+1) and in summer (UTC+2).
    new ReadModelWriter(nearMidnight, repositoryFindingRules()).write(
      partiesRecordedAt(['2024-01-15T22:30:00.000Z', '2024-01-15T23:30:00.000Z', '2024-07-08T21:30:00.000Z', '2024-07-08T22:30:00.000Z']),
    );
  });
  afterAll(() => nearMidnight.close());

  it.each([
    ['in winter', '2024-01-15', 1],
    ['in summer', '2024-07-08', 3],
  ])('ends at midnight in the Netherlands %s, not in UTC (%s: position %d)', (_when, asOf, position) => {
    expect(new LedgerReader(nearMidnight).resolveCut({ asOf }).position).toBe(position);
  });
});

