// Kept stream state never decides on old state: a second handle on the same SQLite file (as a
// second process would be) appends, and the next load through the kept state sees it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { SqliteEventStore, type EventToAppend, type JsonObject } from '@geldstroom/event-store';
import type { BudgetState } from '@geldstroom/ledger';

/** A budget stream folded by its decider: the live state beside the reversals it tracks. */
type Folded = { readonly live: BudgetState };
import { RecordCommand, RecordCommandHandler } from './record.command';
import { StreamStates } from './stream-states';

const budgetEvent = (type: string, data: JsonObject): EventToAppend => ({ id: uuidv7(), type, data, metadata: { actor: 'test' } });
const opened = budgetEvent('BudgetOpened', { budgetId: 'b', ownerPartyId: 'p', name: 'B', fiscalYear: 2024, taakveld: '6.4', effectiveDate: '2024-01-01' });
const funded = (fundingId: string, amountCents: number) =>
  budgetEvent('BudgetFunded', { budgetId: 'b', fundingId, source: 'own-means', amountCents, effectiveDate: '2024-01-02' });

describe('StreamStates', () => {
  let dir: string;
  let mine: SqliteEventStore;
  let other: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-states-'));
    mine = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    other = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await mine.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads on from the kept revision when another handle appended, and reads nothing when none did', async () => {
    await mine.append('budget-b', [opened, funded('f-1', 100)], 'no_stream');
    const states = new StreamStates(mine);
    expect(((await states.load('budget-b')).state as Folded).live.fundedCents).toBe(100);

    await other.append('budget-b', [funded('f-2', 250)], 1);
    const read = jest.spyOn(mine, 'readStream');
    const after = await states.load('budget-b');
    expect(after.revision).toBe(2);
    expect((after.state as Folded).live.fundedCents).toBe(350);
    expect(after.events.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(read).toHaveBeenCalledWith('budget-b', { fromRevision: 2 });

    read.mockClear();
    expect(((await states.load('budget-b')).state as Folded).live.fundedCents).toBe(350);
    expect(read).not.toHaveBeenCalled();
  });

  it('sees a stream another handle started after it was kept as absent', async () => {
    const states = new StreamStates(mine);
    expect((await states.load('budget-b')).revision).toBeUndefined();
    await other.append('budget-b', [opened], 'no_stream');
    expect((await states.load('budget-b')).revision).toBe(0);
  });

  it('lets the write handler answer a command another process recorded meanwhile as a replay, not decide it again', async () => {
    const handler = new RecordCommandHandler(mine);
    const elsewhere = new RecordCommandHandler(other);
    const context = { actor: 'recorder', scope: 'all' as const, role: 'recorder' as const, correlationId: 'c' };
    const register = (partyId: string) =>
      new RecordCommand({
        streamId: `party-${partyId}`,
        mustExist: false,
        command: { type: 'RegisterParty', partyId, name: 'Gemeente', kind: 'municipality', effectiveDate: '2024-01-01' },
        idempotencyKey: `RegisterParty:${partyId}`,
        context,
      });
    // Kept as absent by this handler (a command on it refused: it does not exist), then written by the other process.
    await expect(handler.execute(new RecordCommand({ ...register('later').request, mustExist: true }))).rejects.toMatchObject({ kind: 'not-found' });
    await elsewhere.execute(register('later'));
    const again = await handler.execute(register('later'));
    expect(again).toMatchObject({ replayed: true, revision: 0 });
    expect(await mine.streamRevision('party-later')).toBe(0);
  });

  describe('a command that would create its stream', () => {
    const context = { actor: 'recorder', scope: 'all' as const, role: 'recorder' as const, correlationId: 'c' };
    const register = (partyId: string, name = 'Gemeente') =>
      new RecordCommand({
        streamId: `party-${partyId}`,
        mustExist: false,
        command: { type: 'RegisterParty', partyId, name, kind: 'municipality', effectiveDate: '2024-01-01' },
        idempotencyKey: `RegisterParty:${partyId}`,
        context,
      });

    it('is written without reading the head of a stream nothing is kept of', async () => {
      const heads = jest.spyOn(mine, 'streamRevision');
      await expect(new RecordCommandHandler(mine).execute(register('new'))).resolves.toMatchObject({ replayed: false, revision: 0 });
      expect(heads).not.toHaveBeenCalledWith('party-new');
      expect(await other.streamRevision('party-new')).toBe(0);
    });

    it('is answered on the stream as stored when the stream was there: a replay, a conflict, never a second write', async () => {
      const first = await new RecordCommandHandler(other).execute(register('known'));
      // A handler that keeps nothing of the stream, as after a restart.
      const cold = new RecordCommandHandler(mine);
      await expect(cold.execute(register('known'))).resolves.toEqual({ ...first, replayed: true });
      await expect(new RecordCommandHandler(mine).execute(register('known', 'Andere naam'))).rejects.toMatchObject({ kind: 'idempotency-conflict' });
      expect(await mine.streamRevision('party-known')).toBe(0);
    });

    it('keeps If-Match: a command naming a revision reads the stream first', async () => {
      const heads = jest.spyOn(mine, 'streamRevision');
      await expect(new RecordCommandHandler(mine).execute(new RecordCommand({ ...register('matched').request, ifMatch: 0 }))).rejects.toMatchObject({ kind: 'revision-conflict' });
      expect(heads).toHaveBeenCalledWith('party-matched');
      expect(await mine.streamRevision('party-matched')).toBeUndefined();
    });
  });
});
