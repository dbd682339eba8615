import { join } from 'node:path';
import { loadSisaRules, needsDeelwaarneming, parseSisaRules, regulationFor } from './sisa-regulations';

const REPOSITORY_FILE = join(__dirname, '..', '..', '..', '..', '..', 'config', 'sisa.json');
const sources = [{ title: 'SiSa-bijlage', publisher: 'BZK', url: '', date: '2024' }];
const framework = {
  deadline: '15 juli', indicatorShape: 'code/nn', audit: 'Bado art. 3a', deelwaarnemingFromCents: 12_500_000, deelwaarnemingValidFromYear: 2025, sources,
};
const regulation = (overrides: Record<string, unknown> = {}) => ({
  id: 'r', code: 'SZW/G2', codeConfirmed: true, ministry: 'SZW', name: 'Gebundelde uitkering', legalBasis: 'Participatiewet',
  legalBasisConfirmed: true, relevance: 'bijstand', validFromYear: 2015, validToYear: null, sources,
  indicators: [{ label: 'Besteding (jaar T)', kind: 'amount', confirmed: true }], ...overrides,
});

describe('the repository SiSa file', () => {
  const rules = loadSisaRules(REPOSITORY_FILE);

  it('finds the BUIG by code or id and says its indicators are unconfirmed', () => {
    const buig = regulationFor(rules, 'SZW/G2', 2024)!;
    expect(buig).toMatchObject({ id: 'szw-buig', ministry: 'SZW', codeConfirmed: false });
    expect(buig.indicators.length).toBeGreaterThan(0);
    expect(buig.indicators.every((i) => !i.confirmed)).toBe(true);
    expect(regulationFor(rules, 'szw-buig', 2024)).toBe(buig);
  });

  it('answers by year', () => {
    expect(regulationFor(rules, 'szw-rmt', 2022)?.legalBasis).toContain('BWBR0044968');
    expect(regulationFor(rules, 'szw-rmt', 2025)).toBeUndefined();
    expect(regulationFor(rules, 'szw-tozo', 2019)).toBeUndefined();
  });

  it('asks a deelwaarneming from EUR 125.000 from 2025 on', () => {
    expect(needsDeelwaarneming(rules, 12_500_000, 2025)).toBe(true);
    expect(needsDeelwaarneming(rules, 12_499_999, 2025)).toBe(false);
    expect(needsDeelwaarneming(rules, 50_000_000, 2024)).toBe(false);
  });
});

describe('parseSisaRules', () => {
  it('refuses the whole file when one entry is wrong, naming every problem', () => {
    const wrong = {
      framework: { ...framework, deelwaarnemingFromCents: 0.5 },
      regulations: [regulation(), regulation({ code: 'G2', indicators: [{ label: 'x', kind: 'euro' }] }), regulation({ code: null, codeConfirmed: true })],
    };
    expect(() => parseSisaRules(wrong)).toThrow(
      /framework\.deelwaarnemingFromCents.*\n.*regulations\[1\]: code must be null or like SZW\/G2.*\n.*regulations\[1\]: indicators\[0\].*\n.*regulations\[1\]: note must say.*\n.*regulations\[1\]: id r is used twice.*\n.*regulations\[2\]: codeConfirmed cannot be true.*\n.*regulations\[2\]: id r is used twice/s,
    );
  });

  it('accepts an unconfirmed regulation only with a note saying so', () => {
    const unconfirmed = regulation({ codeConfirmed: false, indicators: [] });
    expect(() => parseSisaRules({ framework, regulations: [unconfirmed] })).toThrow(/note must say what could not be confirmed/);
    expect(parseSisaRules({ framework, regulations: [{ ...unconfirmed, note: 'code not found' }] }).regulations[0].note).toBe('code not found');
  });
});
