// How an import sends its lines: many commands in flight, never more than IN_FLIGHT_MAX, and never
// two on one stream, which gets its commands in the order of the file. The command path is the
// dispatch function an import is given; here it answers in a shuffled order, as commits do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProblemException } from '@geldstroom/application/problem/problem';
import type { RecordRequest, RecordResult } from '@geldstroom/application/write/record.command';
import { IN_FLIGHT_MAX, runImport } from './booking-import';
import { parseMapping } from './booking-mapping';
import { inspectFile } from './booking-source';

const MAPPING = `
system: test
format: { encoding: utf-8 }
columns: { fiscalYear: Boekjaar, document: Boekstuknummer, line: Regelnummer, date: Boekdatum, account: Grootboekrekening,
  creditor: Crediteurnummer, description: Omschrijving, debit: Bedrag debet, credit: Bedrag credit }
budgets: [{ budget: budget-a }]
creditors: { "200000": leverancier-0, "200001": leverancier-1 }
lines:
  - { as: income, when: { account: "8*" } }
  - { as: expense, kind: operating }
`;

describe('an import of many lines', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'geldstroom-import-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Imports `lines` generated lines (every `incomeEvery`th an income, on the budget's own stream) through a dispatch that answers out of order. */
  async function importLines(lines: number, incomeEvery: number) {
    const rows = Array.from({ length: lines }, (_, i) => {
      const income = i % incomeEvery === 0;
      return `2024;F${i + 1};1;15-03-2024;${income ? '8100000' : '4380000'};${income ? '' : 200_000 + (i % 2)};Boeking ${i + 1};${income ? '' : '12,50'};${income ? '99,00' : ''}`;
    });
    const path = join(dir, 'mutaties.csv');
    writeFileSync(path, ['Boekjaar;Boekstuknummer;Regelnummer;Boekdatum;Grootboekrekening;Crediteurnummer;Omschrijving;Bedrag debet;Bedrag credit', ...rows].join('\r\n') + '\r\n');
    const mapping = parseMapping(MAPPING);
    const seen = { inFlightMax: 0, linesByStream: new Map<string, number[]>() };
    let inFlight = 0;
    const onStream = new Set<string>();
    let position = 0;
    const dispatch = async (request: RecordRequest): Promise<RecordResult> => {
      inFlight += 1;
      seen.inFlightMax = Math.max(seen.inFlightMax, inFlight);
      expect(onStream.has(request.streamId)).toBe(false);
      onStream.add(request.streamId);
      const line = request.context.sourceLine!.line;
      seen.linesByStream.set(request.streamId, [...(seen.linesByStream.get(request.streamId) ?? []), line]);
      // Answered after 1 to 7 turns of the event loop: commands finish out of the order they were sent in.
      for (let turns = 1 + (line % 7); turns > 0; turns -= 1) await new Promise((resolve) => setImmediate(resolve));
      onStream.delete(request.streamId);
      inFlight -= 1;
      position += 1;
      return { streamId: request.streamId, revision: 0, position, eventIds: [], replayed: false };
    };
    const result = await runImport({
      path,
      file: await inspectFile(path, mapping),
      mapping,
      budgets: new Map([['budget-a', { ownerPartyId: 'gemeente-a' }]]),
      context: { actor: 'test', scope: 'all', correlationId: 'test' },
      dryRun: false,
      dispatch,
    });
    return { result, ...seen };
  }

  it(`keeps ${IN_FLIGHT_MAX} commands in flight, never more`, async () => {
    const lines = IN_FLIGHT_MAX * 3 + 17;
    const { result, inFlightMax } = await importLines(lines, lines + 1);
    expect(result.counts).toEqual({ lines, written: lines, replayed: 0, refused: 0 });
    expect(inFlightMax).toBe(IN_FLIGHT_MAX);
  });

  it("sends one command at a time on a stream, in the file's order", async () => {
    const lines = IN_FLIGHT_MAX * 3 + 17;
    const { result, inFlightMax, linesByStream } = await importLines(lines, 5);
    expect(result.counts).toEqual({ lines, written: lines, replayed: 0, refused: 0 });
    // A command waiting for the one before it on its stream counts as in flight, not sent yet.
    expect(inFlightMax).toBeLessThanOrEqual(IN_FLIGHT_MAX);
    const incomes = linesByStream.get('budget-budget-a')!;
    expect(incomes).toHaveLength(Math.ceil(lines / 5));
    expect(incomes).toEqual([...incomes].sort((a, b) => a - b));
  });
});

describe("an export's totals", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'geldstroom-import-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A ledger of idempotency keys: the same command again replays, another under the same key conflicts. */
  function ledger() {
    const held = new Map<string, string>();
    return async (request: RecordRequest): Promise<RecordResult> => {
      const command = JSON.stringify(request.command);
      const before = held.get(request.idempotencyKey);
      if (before !== undefined && before !== command) throw new ProblemException('idempotency-conflict', 'that id was used for another request');
      held.set(request.idempotencyKey, command);
      return { streamId: request.streamId, revision: 0, position: held.size, eventIds: [], replayed: before !== undefined };
    };
  }

  async function importAmounts(dispatch: (request: RecordRequest) => Promise<RecordResult>, debits: readonly string[]) {
    const rows = debits.map((debit) => `2024;M24-0800;1;15-03-2024;4380000;200000;Workshop;${debit};`);
    const path = join(dir, `mutaties-${debits.join('-')}.csv`);
    writeFileSync(path, ['Boekjaar;Boekstuknummer;Regelnummer;Boekdatum;Grootboekrekening;Crediteurnummer;Omschrijving;Bedrag debet;Bedrag credit', ...rows].join('\r\n') + '\r\n');
    const mapping = parseMapping(MAPPING);
    return runImport({
      path,
      file: await inspectFile(path, mapping),
      mapping,
      budgets: new Map([['budget-a', { ownerPartyId: 'gemeente-a' }]]),
      context: { actor: 'test', scope: 'all', correlationId: 'test' },
      dryRun: false,
      dispatch,
    });
  }

  it.each([
    ['before', ['100,50', '100,00']],
    ['after', ['100,00', '100,50']],
  ])('count a line the ledger takes once, also when a changed copy of it (refused) comes %s it', async (_, debits) => {
    const dispatch = ledger();
    await importAmounts(dispatch, ['100,00']);
    const { counts, totals } = await importAmounts(dispatch, debits);
    expect(counts).toEqual({ lines: 2, written: 0, replayed: 1, refused: 1 });
    expect(totals.month['2024-03']).toEqual({ committedCents: 10_000, invoicedCents: 0, realisedCents: 10_000, fundedCents: 0 });
    expect(totals.party['leverancier-0']).toMatchObject({ realisedCents: 10_000 });
  });

  it('count a line the file holds three times once', async () => {
    const { counts, totals } = await importAmounts(ledger(), ['100,00', '100,00', '100,00']);
    expect(counts).toEqual({ lines: 3, written: 1, replayed: 2, refused: 0 });
    expect(totals.budget['budget-a']).toMatchObject({ realisedCents: 10_000 });
  });
});
