import { join } from 'node:path';
import { catalogueFor, loadIv3Catalogue, parseIv3Catalogue, taakveldFor } from './iv3-catalogue';

const REPOSITORY_FILE = join(__dirname, '..', '..', '..', '..', '..', 'config', 'iv3-taakvelden.json');

const source = { title: 'Iv3-informatievoorschrift', publisher: 'BZK', url: '', date: '2022' };
const everyChapter = ['0.1', '1.1', '2.1', '3.1', '4.1', '5.1', '6.1', '7.1', '8.1'].map((code) => ({ code, name: `taakveld ${code}` }));
const version = (overrides: Record<string, unknown> = {}) => ({
  id: 'v',
  validFromYear: 2017,
  validToYear: 2022,
  sources: [source],
  taakvelden: [...everyChapter, { code: '6.4', name: 'Begeleide participatie' }],
  ...overrides,
});

describe('the repository catalogue', () => {
  const catalogue = loadIv3Catalogue(REPOSITORY_FILE);

  it('covers every reporting year 2017 to 2026 with exactly one version', () => {
    for (let year = 2017; year <= 2026; year++) expect(catalogueFor(catalogue, year)).toBeDefined();
    expect(catalogue.versions.map((v) => [v.id, v.validFromYear, v.validToYear])).toEqual([
      ['iv3-2017', 2017, 2022],
      ['iv3-2023', 2023, 2024],
      ['iv3-2025', 2025, 2026],
    ]);
    expect(catalogueFor(catalogue, 2016)).toBeUndefined();
  });

  it('names 6.4 as the catalogue in force for the year did', () => {
    expect(taakveldFor(catalogue, '6.4', 2017)?.name).toBe('Begeleide participatie');
    expect(taakveldFor(catalogue, '6.4', 2022)?.name).toBe('Begeleide participatie');
    expect(taakveldFor(catalogue, '6.4', 2023)?.name).toBe('WSW en beschut werk');
    expect(taakveldFor(catalogue, '6.4', 2026)).toMatchObject({ name: 'WSW en beschut werk', catalogueId: 'iv3-2025' });
    expect(taakveldFor(catalogue, '6.2', 2020)?.name).toBe('Wijkteams');
    expect(taakveldFor(catalogue, '6.2', 2024)?.name).toBe('Toegang en eerstelijnsvoorzieningen');
    expect(taakveldFor(catalogue, '6.5', 2019)?.source).toContain('CBS');
  });

  it('knows a code only in the years its catalogue lists it', () => {
    expect(taakveldFor(catalogue, '6.71', 2022)?.name).toBe('Maatwerkdienstverlening 18+');
    expect(taakveldFor(catalogue, '6.71', 2023)).toBeUndefined();
    expect(taakveldFor(catalogue, '6.71a', 2023)?.name).toBe('Huishoudelijke hulp (Wmo)');
    expect(taakveldFor(catalogue, '6.71a', 2025)).toBeUndefined();
    expect(taakveldFor(catalogue, '6.711', 2025)?.name).toBe('Huishoudelijke hulp (Wmo)');
    expect(taakveldFor(catalogue, '6.2', 2025)).toBeUndefined();
    expect(taakveldFor(catalogue, '6.5', 2027)).toBeUndefined();
    expect(taakveldFor(catalogue, '9.1', 2020)).toBeUndefined();
  });
});

describe('parseIv3Catalogue', () => {
  it('refuses the whole file when one entry is wrong, naming every problem', () => {
    const wrong = {
      versions: [
        version(),
        version({
          id: 'v',
          validFromYear: 2022,
          validToYear: 2019,
          sources: [],
          taakvelden: [...everyChapter.filter((t) => !t.code.startsWith('7')), { code: '6.4x', name: '' }, { code: '0.1', name: 'Bestuur' }],
        }),
      ],
    };
    expect(() => parseIv3Catalogue(wrong)).toThrow(
      /versions\[1\]: validToYear.*\n.*sources must list.*\n.*taakvelden\[8\]: code must.*\n.*taakvelden\[8\]: name.*\n.*taakvelden\[9\]: code 0\.1 is listed twice.*\n.*lack hoofdtaakveld 7.*\n.*id v is used twice/s,
    );
    expect(() => parseIv3Catalogue({ versions: [] })).toThrow(/versions must list 1 to/);
    expect(() => parseIv3Catalogue([])).toThrow(/not a JSON object/);
  });

  it('refuses two versions in force in the same year', () => {
    const overlapping = { versions: [version({ id: 'a' }), version({ id: 'b', validFromYear: 2022, validToYear: null })] };
    expect(() => parseIv3Catalogue(overlapping)).toThrow(/a and b overlap in years/);
  });

  it('keeps renames and parents so a series can follow a code across versions', () => {
    const parsed = parseIv3Catalogue({
      versions: [version({ taakvelden: [...everyChapter, { code: '6.71a', name: 'Huishoudelijke hulp (Wmo)', parentCode: '6.71', previousName: 'x' }] })],
    });
    expect(parsed.versions[0].taakvelden.at(-1)).toEqual({ code: '6.71a', name: 'Huishoudelijke hulp (Wmo)', parentCode: '6.71', previousName: 'x' });
  });
});
