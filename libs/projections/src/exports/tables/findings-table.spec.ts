// The findings export's figures, for people: Dutch names, amounts with a decimal comma.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelWriter } from '../../engine/read-model-writer';
import { repositoryFindingRules } from '../../findings/rules';
import { findings, FINDINGS_PAGE_MAX } from '../../queries/findings';
import { LedgerReader } from '../../queries/reader';
import { ReadStore } from '../../store/read-store';
import { RandomLedger, seeded } from '../../testing/random-ledger';
import { AMOUNT, isIdentifierPath } from '../../reports/then-and-now';
import { figureFieldNl } from '../../vocabulary/nl';
import { detailNl } from './findings-table';

const dir = mkdtempSync(join(tmpdir(), 'geldstroom-findings-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a finding’s figures in the export', () => {
  it('names each figure in Dutch, an amount with a decimal comma, a word in Dutch and an id or a date as it is', () => {
    expect(detailNl({ eventType: 'PurchasePaid', amount: '100000.00', settledAmount: '-2000.50' })).toBe('soort gebeurtenis Inkoop betaald; bedrag 100000,00; vastgesteld bedrag -2000,50');
    expect(detailNl({ contractId: 'c', ceiling: '60000.00', calledOff: '70000.00', budgetIds: ['b24', 'b25'], count: 2, thresholdSource: null })).toBe(
      'contract c; plafond 60000,00; afgeroepen 70000,00; begrotingen b24, b25; aantal 2; bron van de drempel —',
    );
    // A code that looks like an amount is a code.
    expect(detailNl({ budgetId: 'wmo', taakveld: '6.71' })).toBe('begroting wmo; taakveld 6.71');
    expect(detailNl({})).toBeNull();
  });

  it('has a Dutch name for every figure of every finding, and writes each amount with a decimal comma, on random ledgers', () => {
    const rules = repositoryFindingRules();
    const unnamed = new Set<string>();
    let seen = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const store = ReadStore.open(join(dir, `${randomUUID()}.sqlite`));
      new ReadModelWriter(store, rules).write(new RandomLedger(seeded(seed)).build(200));
      const reader = new LedgerReader(store);
      for (const finding of findings(reader, reader.resolveCut(), rules, { limit: FINDINGS_PAGE_MAX }).findings) {
        seen += 1;
        const said = detailNl(finding.detail) ?? '';
        for (const [field, value] of Object.entries(finding.detail)) {
          if (figureFieldNl(field) === undefined) unnamed.add(`${finding.kind}: ${field}`);
          if (typeof value === 'string' && AMOUNT.test(value) && !isIdentifierPath(field)) expect(said).toContain(`${figureFieldNl(field)} ${value.replace('.', ',')}`);
        }
      }
      store.close();
    }
    expect(seen).toBeGreaterThan(0);
    expect([...unnamed].sort()).toEqual([]);
  });
});
