import { join } from 'node:path';
import {
  basisPointsOf, earlyWarning, exceedsRapportagegrens, loadRechtmatigheidRules, parseRechtmatigheidRules,
  rechtmatigheidThresholdsFor, withinGoedkeuringstolerantie,
} from './rechtmatigheid-thresholds';

const REPOSITORY_FILE = join(__dirname, '..', '..', '..', '..', '..', 'config', 'rechtmatigheid.json');
const sources = [{ title: 'Bado', publisher: 'BZK', url: '', date: '2023' }];
const law = (overrides: Record<string, unknown> = {}) => ({
  id: 'bado', validFromYear: 2023, validToYear: null, omvangsbasis: 'totale lasten', sources,
  goedkeuringstolerantie: { mode: 'separate', errorsBasisPoints: 100, uncertaintiesBasisPoints: 300 },
  verantwoordingsgrensMaxBasisPoints: 300, ...overrides,
});
const council = (overrides: Record<string, unknown> = {}) => ({
  id: 'raad', kind: 'council', validFromYear: 2023, validToYear: null, verantwoordingsgrensBasisPoints: 100,
  rapportagegrensCents: 5_000_000, earlyWarningAtBasisPoints: 7_500, source: 'Financiële verordening 2023', ...overrides,
});
const definitions = (...ids: string[]) => ids.map((id) => ({ id, name: id, definition: `wat ${id} is`, sources }));
const file = (overrides: Record<string, unknown> = {}) => ({
  law: [law()],
  council: [council()],
  criteria: definitions('begrotingscriterium', 'voorwaardencriterium', 'misbruik-en-oneigenlijk-gebruik'),
  findingClasses: definitions('fout', 'onzekerheid'),
  ...overrides,
});

describe('the repository rechtmatigheid file', () => {
  const rules = loadRechtmatigheidRules(REPOSITORY_FILE);

  it('holds the Bado tolerances by year: 1% fouten and 3% onzekerheden until 2024, 2% together from 2025', () => {
    expect(rechtmatigheidThresholdsFor(rules, 2023)?.law.goedkeuringstolerantie).toEqual({ mode: 'separate', errorsBasisPoints: 100, uncertaintiesBasisPoints: 300 });
    expect(rechtmatigheidThresholdsFor(rules, 2024)?.law.verantwoordingsgrensMaxBasisPoints).toBe(300);
    expect(rechtmatigheidThresholdsFor(rules, 2025)?.law.goedkeuringstolerantie).toEqual({ mode: 'combined', combinedBasisPoints: 200 });
    expect(rechtmatigheidThresholdsFor(rules, 2025)?.law.verantwoordingsgrensMaxBasisPoints).toBeNull();
    expect(rechtmatigheidThresholdsFor(rules, 2022)).toBeUndefined();
  });

  it('marks the council values as an example the municipality replaces', () => {
    const thresholds = rechtmatigheidThresholdsFor(rules, 2024)!;
    expect(thresholds.council).toMatchObject({ kind: 'council-example', verantwoordingsgrensBasisPoints: 100, rapportagegrensCents: 10_000_000 });
    expect(rules.criteria.map((c) => c.id)).toEqual(['begrotingscriterium', 'voorwaardencriterium', 'misbruik-en-oneigenlijk-gebruik']);
    expect(rules.findingClasses.map((c) => c.id)).toEqual(['fout', 'onzekerheid']);
  });
});

describe('parseRechtmatigheidRules', () => {
  it('refuses the whole file when one entry is wrong, naming every problem', () => {
    const wrong = file({
      law: [law({ goedkeuringstolerantie: { mode: 'separate', errorsBasisPoints: 1.5 }, sources: [] })],
      council: [council({ rapportagegrensCents: 12.5, kind: 'raad' }), council()],
      findingClasses: definitions('fout'),
    });
    expect(() => parseRechtmatigheidRules(wrong)).toThrow(
      /law\[0\]: sources must list.*\n.*law\[0\]: goedkeuringstolerantie.*\n.*council\[0\]: kind.*\n.*council\[0\]: rapportagegrensCents.*\n.*council\[1\]: id raad is used twice.*\n.*findingClasses lack onzekerheid/s,
    );
  });

  it('refuses a council verantwoordingsgrens above the maximum of the Bado in force', () => {
    expect(() => parseRechtmatigheidRules(file({ council: [council({ verantwoordingsgrensBasisPoints: 301 })] }))).toThrow(
      /council raad: verantwoordingsgrens 301 bp is above the maximum 300 bp of bado/,
    );
    expect(() => parseRechtmatigheidRules(file({ law: [law({ verantwoordingsgrensMaxBasisPoints: null })], council: [council({ verantwoordingsgrensBasisPoints: 301 })] }))).not.toThrow();
  });
});

describe('earlyWarning', () => {
  const thresholds = rechtmatigheidThresholdsFor(parseRechtmatigheidRules(file()), 2024)!;
  // Lasten of EUR 123.456.789,01: 1% is EUR 1.234.567,89 (rounded down from ...,8901), 75% of that EUR 925.925,91.
  const lasten = 12_345_678_901;

  it('computes the grens in whole cents, rounding down, without floats', () => {
    expect(basisPointsOf(lasten, 100)).toBe(123_456_789);
    expect(basisPointsOf(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(earlyWarning(0, lasten, thresholds)).toEqual({
      level: 'clear', verantwoordingsgrensCents: 123_456_789, warningFromCents: 92_592_591, headroomCents: 123_456_789, usedBasisPoints: 0,
    });
  });

  it('warns from the warning share on and reports over only above the grens', () => {
    expect(earlyWarning(92_592_590, lasten, thresholds).level).toBe('clear');
    expect(earlyWarning(92_592_591, lasten, thresholds).level).toBe('approaching');
    expect(earlyWarning(123_456_789, lasten, thresholds)).toMatchObject({ level: 'approaching', headroomCents: 0, usedBasisPoints: 99 });
    expect(earlyWarning(123_456_790, lasten, thresholds)).toMatchObject({ level: 'over', headroomCents: -1, usedBasisPoints: 100 });
    expect(earlyWarning(5, 0, thresholds)).toMatchObject({ level: 'over', verantwoordingsgrensCents: 0, usedBasisPoints: null });
    expect(() => earlyWarning(1.5, lasten, thresholds)).toThrow(RangeError);
  });

  it('checks the rapportagegrens per afwijking and the tolerance by the year’s mode', () => {
    expect([exceedsRapportagegrens(5_000_000, thresholds), exceedsRapportagegrens(5_000_001, thresholds)]).toEqual([false, true]);
    const separate = thresholds.law;
    const combined = parseRechtmatigheidRules(file({ law: [law({ goedkeuringstolerantie: { mode: 'combined', combinedBasisPoints: 200 } })] })).law[0];
    // Omvangsbasis EUR 1.000.000: separate 1% = 10.000 fouten and 3% = 30.000 onzekerheden; combined 2% = 20.000.
    expect(withinGoedkeuringstolerantie(1_000_000, 2_500_000, 100_000_000, separate)).toBe(true);
    expect(withinGoedkeuringstolerantie(1_000_001, 0, 100_000_000, separate)).toBe(false);
    expect(withinGoedkeuringstolerantie(1_000_000, 1_000_000, 100_000_000, combined)).toBe(true);
    expect(withinGoedkeuringstolerantie(1_000_000, 1_000_001, 100_000_000, combined)).toBe(false);
  });
});
