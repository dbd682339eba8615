import { join } from 'node:path';
import fc from 'fast-check';
import { loadProcurementThresholds, parseProcurementThresholds, passes, thresholdFor, valueOverTerm, type ProcurementThreshold } from './procurement-thresholds';
import { isPart } from './split-purchases';

const REPOSITORY_FILE = join(__dirname, '..', '..', '..', '..', 'config', 'procurement-thresholds.json');

const entry = (overrides: Record<string, unknown> = {}) => ({
  id: 'beleid',
  scope: 'inkoopbeleid',
  kind: 'inkoopbeleid',
  procedures: ['single-quote'],
  thresholdCents: 5_000_000,
  comparison: 'above',
  validFrom: '2024-01-01',
  validTo: null,
  source: 'Inkoopbeleid 2024',
  ...overrides,
});
const file = (...thresholds: unknown[]) => ({ serviceCategory: 'social-and-other-specific-services', thresholds });

describe('the repository thresholds file', () => {
  const thresholds = loadProcurementThresholds(REPOSITORY_FILE);

  it('holds the European and the inkoopbeleid thresholds, each with its source', () => {
    expect(thresholds.thresholds.map((t) => [t.id, t.thresholdCents, t.validFrom, t.validTo])).toEqual([
      ['eu-social-services-2016', 75_000_000, '2016-04-18', null],
      ['eu-services-decentral-2022', 21_500_000, '2022-01-01', '2023-12-31'],
      ['eu-services-decentral-2024', 22_100_000, '2024-01-01', '2025-12-31'],
      ['eu-services-decentral-2026', 21_600_000, '2026-01-01', '2027-12-31'],
      ['inkoopbeleid-single-quote', 5_000_000, '2020-01-01', null],
      ['inkoopbeleid-multiple-quote', 21_500_000, '2020-01-01', null],
    ]);
    expect(thresholds.thresholds[1].source).toContain('2021/1952');
    expect(thresholds.thresholds[2].source).toContain('2023/2495');
  });

  it('chooses the tightest threshold in force on the date for the ledger service category', () => {
    expect(thresholdFor(thresholds, 'national', '2023-06-01')?.id).toBe('eu-social-services-2016');
    expect(thresholdFor(thresholds, 'multiple-quote', '2023-06-01')?.id).toBe('inkoopbeleid-multiple-quote');
    expect(thresholdFor(thresholds, 'single-quote', '2024-06-01')?.id).toBe('inkoopbeleid-single-quote');
    expect(thresholdFor(thresholds, 'european', '2023-06-01')).toBeUndefined();
    expect(thresholdFor(thresholds, 'national', '2015-01-01')).toBeUndefined();
    // Art. 4(d) is not revised every two years: a contract awarded in 2024 or 2026 is measured against it too.
    expect(thresholdFor(thresholds, 'national', '2024-01-20')?.id).toBe('eu-social-services-2016');
    expect(thresholdFor(thresholds, 'national', '2026-03-01')?.id).toBe('eu-social-services-2016');
  });
});

describe('parseProcurementThresholds', () => {
  it('refuses the whole file when one entry is wrong, naming every problem', () => {
    const wrong = file(entry(), entry({ id: 'beleid', procedures: ['handshake'], thresholdCents: 12.5, validFrom: '2024-02-30', source: '' }));
    expect(() => parseProcurementThresholds(wrong)).toThrow(
      /thresholds\[1\]: procedures must list.*\n.*thresholdCents.*\n.*validFrom.*\n.*source.*\n.*id beleid is used twice/s,
    );
    expect(() => parseProcurementThresholds(file())).toThrow(/thresholds must list 1 to/);
    expect(() => parseProcurementThresholds({ thresholds: [entry()] })).toThrow(/serviceCategory/);
    expect(() => parseProcurementThresholds(file(entry({ validTo: '2023-12-31' })))).toThrow(/validTo/);
  });

  it('compares above or at-or-above as the threshold says', () => {
    const [above] = parseProcurementThresholds(file(entry())).thresholds;
    const [atOrAbove] = parseProcurementThresholds(file(entry({ comparison: 'at-or-above' }))).thresholds;
    expect([passes(5_000_000, above), passes(5_000_001, above)]).toEqual([false, true]);
    expect([passes(4_999_999, atOrAbove), passes(5_000_000, atOrAbove)]).toEqual([false, true]);
  });

  it('leaves a threshold of another service category out', () => {
    const parsed = parseProcurementThresholds(file(entry({ serviceCategory: 'other-services', thresholdCents: 100 }), entry({ id: 'b' })));
    expect(thresholdFor(parsed, 'single-quote', '2024-05-01')?.id).toBe('b');
  });
});

describe('valueOverTerm', () => {
  it('adds the option months pro rata by days, half up', () => {
    expect(valueOverTerm(4_000_000, '2024-01-01', '2024-12-31', 0)).toBe(4_000_000);
    // 366 days plus 2025-01-01 … 2025-06-30 (181 days): 4.000.000 × 547 / 366 = 5.978.142,07.
    expect(valueOverTerm(4_000_000, '2024-01-01', '2024-12-31', 6)).toBe(5_978_142);
    // A term ending on 31 January: one option month runs to 29 February in a leap year.
    expect(valueOverTerm(3_100, '2024-01-01', '2024-01-31', 1)).toBe(6_000);
    // 1 cent for 2 days, one option month to 29 February (29 days): 31 / 2 = 15,5, half up to 16.
    expect(valueOverTerm(1, '2024-01-30', '2024-01-31', 1)).toBe(16);
  });
});

describe('a part under a threshold', () => {
  // The split-purchase read model selects parts in SQL by partsBelowCents: it must say what passes() says.
  it('is an order of whole cents above zero that does not pass the threshold, for either comparison', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom('above', 'at-or-above'), fc.integer({ min: -3, max: 3 }), (thresholdCents, comparison, offset) => {
        const threshold = { ...entry({ thresholdCents, comparison }), kind: 'inkoopbeleid', procedures: ['single-quote'] } as unknown as ProcurementThreshold;
        const valueCents = thresholdCents + offset;
        expect(isPart(valueCents, threshold)).toBe(valueCents > 0 && !passes(valueCents, threshold));
      }),
    );
  });
});
