// A rebuild from nothing leaves the indexes the queries select by out until it is done
// (DEFERRED_INDEXES); the one a programme's end needs is made at the first end, so that each end
// reads the programme's movements and not all of them. The late spending is found all the same.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_HASH_SCHEME, type JsonObject, type RecordedEvent } from '@geldstroom/event-store';
import { repositoryFindingRules } from '../findings/rules';
import { ReadStore } from '../store/read-store';
import { ReadModelWriter } from './read-model-writer';

const dir = mkdtempSync(join(tmpdir(), 'geldstroom-findings-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function journal(steps: readonly [string, string, JsonObject, string][]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return steps.map(([streamId, type, data, effectiveDate], index) => {
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const position = index + 1;
    return {
      id: randomUUID(), streamId, revision, position, type, data: { ...data, effectiveDate },
      metadata: { actor: 'test', sourceReference: `bron ${position}`, schemaVersion: 1 },
      recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, position)).toISOString(),
      hash: position.toString(16).padStart(64, '0'), previousHash: '0'.repeat(64), hashScheme: CURRENT_HASH_SCHEME,
    };
  });
}

const hasIndex = (store: ReadStore, name: string) => store.db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(name) === 1;

it("makes the index of a programme's movements at its first end in a rebuild, and finds the spending after it", () => {
  const store = ReadStore.open(join(dir, 'projections.sqlite'));
  store.dropDeferredIndexes();
  expect(hasIndex(store, 'movements_programme')).toBe(false);
  const grant = { grantId: 'g', budgetId: 'b', programmeId: 'p', recipientPartyId: 'stichting' };
  new ReadModelWriter(store, repositoryFindingRules()).write(
    journal([
      ['party-gemeente', 'PartyRegistered', { partyId: 'gemeente', name: 'Gemeente', kind: 'municipality' }, '2024-01-01'],
      ['party-stichting', 'PartyRegistered', { partyId: 'stichting', name: 'Stichting', kind: 'foundation' }, '2024-01-01'],
      ['budget-b', 'BudgetOpened', { budgetId: 'b', ownerPartyId: 'gemeente', name: 'B', fiscalYear: 2024, taakveld: '6.5' }, '2024-01-01'],
      ['budget-b', 'BudgetFunded', { budgetId: 'b', fundingId: 'f', source: 'own-means', funderPartyId: 'gemeente', amountCents: 1_000_000 }, '2024-01-01'],
      ['programme-p', 'ProgrammeLaunched', { programmeId: 'p', ownerPartyId: 'gemeente', name: 'P' }, '2024-01-01'],
      ['grant-g', 'GrantAwarded', { ...grant, amountCents: 100_000 }, '2024-07-01'],
      ['programme-p', 'ProgrammeEnded', { programmeId: 'p' }, '2024-06-30'],
    ]),
  );
  expect(hasIndex(store, 'movements_programme')).toBe(true);
  const found = store.db.prepare("SELECT kind FROM findings WHERE kind = 'spending-after-programme-end'").pluck().all();
  expect(found).toEqual(['spending-after-programme-end']);
  store.close();
});
