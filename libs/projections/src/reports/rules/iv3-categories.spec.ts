import { join } from 'node:path';
import { categoryFor, LEDGER_COST_KINDS, LEDGER_FUNDING_KINDS, loadIv3Categories, parseIv3Categories } from './iv3-categories';

const REPOSITORY_FILE = join(__dirname, '..', '..', '..', '..', '..', 'config', 'iv3-categories.json');
const source = { title: 'Iv3-model 2017', publisher: 'CBS', url: '', date: '2017' };
const category = (code: string, side = 'both') => ({ code, name: `categorie ${code}`, side, source: 'toelichting' });
const allKinds = (): { kind: string; side: string; code: string; ledgerTerm: string }[] => [
  ...LEDGER_COST_KINDS.map((kind) => ({ kind, side: 'lasten', code: '3.8', ledgerTerm: kind })),
  ...LEDGER_FUNDING_KINDS.map((kind) => ({ kind, side: 'baten', code: '4.3.1', ledgerTerm: kind })),
];
const file = (overrides: Record<string, unknown> = {}) => ({
  versions: [{ id: 'c', validFromYear: 2017, validToYear: null, sources: [source], categories: [category('3.8', 'lasten'), category('4.3.1')], kinds: allKinds(), ...overrides }],
});

describe('the repository categories', () => {
  const categories = loadIv3Categories(REPOSITORY_FILE);

  it('maps every ledger kind of cost to the Iv3 code the toelichtingen give', () => {
    const codes = Object.fromEntries(LEDGER_COST_KINDS.map((kind) => [kind, categoryFor(categories, kind, 2024)?.code]));
    expect(codes).toEqual({
      'own-staff': '1.1',
      'hired-staff': '3.5.1',
      'goods-and-services': '3.8',
      'trajectory-purchase': '3.8',
      'subsidy-to-company': '4.2',
      'subsidy-to-institution': '4.3.8',
      'grant-to-household': '4.3.8',
      'social-benefit-cash': '4.1.1',
      'social-benefit-in-kind': '3.4.1',
      'contribution-to-joint-arrangement': '4.3.3',
      'contribution-to-municipality': '4.3.2',
      'wage-cost-subsidy': '4.2',
      other: '3.8',
    });
  });

  it('maps outside funding received to the baten categories and says where a code is a judgement', () => {
    expect(categoryFor(categories, 'rijk-specific-grant', 2023)).toMatchObject({ code: '4.3.1', name: 'Inkomensoverdrachten - Rijk', judgement: false });
    expect(categoryFor(categories, 'from-joint-arrangement', 2023)?.code).toBe('4.3.3');
    expect(categoryFor(categories, 'subsidy-to-institution', 2023)?.judgement).toBe(true);
    expect(categoryFor(categories, 'own-staff', 2023)?.source).toContain('findo.nl');
    expect(categoryFor(categories, 'own-staff', 2016)).toBeUndefined();
  });
});

describe('parseIv3Categories', () => {
  it('refuses the whole file when one entry is wrong, naming every problem', () => {
    const kinds = allKinds().filter((k) => k.kind !== 'other');
    kinds[0] = { ...kinds[0], code: '9.9' };
    kinds[1] = { ...kinds[1], side: 'baten' };
    kinds.push({ kind: 'rijk-specific-grant', side: 'baten', code: '3.8', ledgerTerm: 'x' });
    const wrong = file({ categories: [category('3.8', 'lasten'), category('4.3.1'), category('44', 'x')], kinds });
    expect(() => parseIv3Categories(wrong)).toThrow(
      /categories\[2\]: needs a code.*\n.*kinds\[0\]: code 9\.9 is not among.*\n.*kinds\[1\]: hired-staff is on the lasten side.*\n.*kinds\[18\]: kind rijk-specific-grant is mapped twice.*\n.*kinds\[18\]: category 3\.8 is lasten only.*\n.*kinds lack other/s,
    );
    expect(() => parseIv3Categories(file({ sources: [] }))).toThrow(/sources must list/);
  });

  it('parses a right file and answers by year', () => {
    const parsed = parseIv3Categories(file());
    expect(categoryFor(parsed, 'gemeentefonds', 2030)).toMatchObject({ code: '4.3.1', categoriesId: 'c', judgement: false });
  });
});
