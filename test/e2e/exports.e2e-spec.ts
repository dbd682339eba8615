// Reports as files over HTTP, as the web page's export buttons fetch them: CSV as Dutch Excel
// opens it and XLSX with the stamp on a sheet of its own, both stamped with the journal head; the
// command line's `export`, run beside the API on the same ledger, gives the same bytes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Workbook } from 'exceljs';
import type { Response } from 'supertest';
import { startApi, type Harness } from '../support/api-harness';
import { EVERY_KIND_PROGRAMME, EVERY_KIND_PROVIDER, recordEveryKindOfCost } from '../support/every-kind-of-cost';
import { expectProblem, get } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

const ROOT = resolve(__dirname, '../..');
const PILOT = 'pilot-werkvoorheerlen-2024';
const BOM = '\uFEFF';

let api: Harness;
let dir: string;
let digest: { treeSize: number; rootHash: string; headPosition: number };

beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  await recordEveryKindOfCost(api);
  digest = (await get(api, '/v1/journal/digest')).body;
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-exports-'));
}, 60_000);
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An export as bytes, with the token a reader has. */
async function download(path: string): Promise<Response> {
  return api
    .http()
    .get(path)
    .set('Authorization', `Bearer ${api.token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/** The CSV's records split into fields (no field in these exports is quoted across a line). */
function records(csv: string): string[][] {
  return csv.split('\r\n').map((line) => (line === '' ? [] : line.split(';')));
}

/** The command line's export on the API's own data folder, while the API keeps it. */
function cliExport(...args: string[]): Buffer {
  const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'export', ...args], {
    cwd: ROOT,
    env: { ...process.env, GELDSTROOM_DATA_DIR: api.dataDir, GELDSTROOM_SIGNING_KEY: '', EVENTSTORE_CONNECTION_STRING: '' },
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`export failed: ${run.stderr.toString()}`);
  return run.stdout;
}

describe('GET /v1/exports/{what} as CSV', () => {
  it('is shaped for Dutch Excel: BOM, semicolons, decimal commas, Dutch headers, the stamp after the table', async () => {
    const response = await download(`/v1/exports/programme-cost?id=${PILOT}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="geldstroom-programme-cost-${PILOT}-positie-${digest.headPosition}.csv"`);
    expect(response.headers['geldstroom-read-models']).toMatch(/^(verified|not-verified-yet)$/);
    const text = (response.body as Buffer).toString('utf8');
    expect(text.startsWith(BOM)).toBe(true);
    const rows = records(text.slice(1));
    expect(rows[0]).toEqual(['programma-id', 'programma', 'cijfer', 'partij-id', 'partij', 'begroting-id', 'bedrag (EUR)', 'aantal', 'aandeel (%)', 'toelichting']);
    const figure = (name: string) => rows.find((r) => r[2] === name);
    expect(figure('verplicht')![6]).toBe('150000,00');
    expect(figure('kosten per deelnemer')![6]).toBe('5357,14');
    expect(rows.filter((r) => r[2] === 'uiteindelijke financier').map((r) => [r[3], r[6], r[8]])).toEqual([
      ['arbeidsmarktregio-zuid-limburg', '100000,00', '66,67'],
      ['gemeente-heerlen', '50000,00', '33,33'],
    ]);
    // The stamp: after a blank record below the table, never above the header.
    const blank = rows.findIndex((r) => r.length === 0);
    const stamp = Object.fromEntries(rows.slice(blank + 1).filter((r) => r.length > 0).map((r) => [r[0], r.slice(1).join(';')]));
    expect(stamp).toMatchObject({ Journaalpositie: String(digest.headPosition), Boomgrootte: String(digest.treeSize), 'Boomhoofd (RFC 6962)': digest.rootHash });
    expect(rows.slice(1, blank).every((r) => r[0] === PILOT)).toBe(true);
  });

  it('exports the journal filtered as the journal page shows it, one row per event', async () => {
    const page = (await get(api, '/v1/journal?party=reha&limit=500')).body as { events: { position: number }[] };
    const text = (await download('/v1/exports/journal?party=reha')).body.toString('utf8') as string;
    const rows = records(text.slice(1));
    const events = rows.slice(1, rows.findIndex((r) => r.length === 0));
    expect(events.map((r) => Number(r[0]))).toEqual(page.events.map((e) => e.position));
    expect(text).toContain('Selectie;party=reha');
    expect(events.some((r) => r[2] === 'Trajecten ingekocht')).toBe(true);
  });

  it('exports the findings filtered as the findings list filters them, the selection in its stamp', async () => {
    const listed = (await get(api, '/v1/findings?party=gemeente-heerlen&kind=paid-above-invoiced&limit=500')).body.findings as { id: string; detail: { amount: string } }[];
    expect(listed.length).toBeGreaterThan(0);
    const text = (await download('/v1/exports/findings?party=gemeente-heerlen&kind=paid-above-invoiced')).body.toString('utf8') as string;
    const rows = records(text.slice(1));
    expect(rows.slice(1, rows.findIndex((r) => r.length === 0)).map((r) => r[0])).toEqual(listed.map((f) => f.id));
    // Its figures for people (was the detail's JSON: {"eventType":"PurchasePaid","amount":"50000.00"}).
    for (const finding of listed) expect(text).toContain(`;"soort gebeurtenis Inkoop betaald; bedrag ${finding.detail.amount.replace('.', ',')}";`);
    expect(text).not.toContain('{');
    expect(text).toMatch(/Selectie;(kind=paid-above-invoiced;party=gemeente-heerlen|party=gemeente-heerlen;kind=paid-above-invoiced)/);
    const none = records((await download('/v1/exports/findings?party=nobody-here')).body.toString('utf8').slice(1));
    expect(none[1]).toEqual([]);
    const open = (await get(api, '/v1/findings?review=open&limit=500')).body.findings as { id: string }[];
    const openRows = records((await download('/v1/exports/findings?review=open')).body.toString('utf8').slice(1));
    expect(openRows.slice(1, openRows.findIndex((r) => r.length === 0)).map((r) => r[0])).toEqual(open.map((f) => f.id));
    expectProblem(await get(api, '/v1/exports/findings?kind=no-such-kind'), 400, 'validation');
    expectProblem(await get(api, '/v1/exports/findings?entity=budget'), 400, 'validation');
    expectProblem(await get(api, '/v1/exports/journal?kind=paid-above-invoiced'), 400, 'validation');
    expectProblem(await get(api, '/v1/exports/findings?from=2024-01-01'), 400, 'validation');
  });

  it("exports a budget's execution whose rows add up: begroot − verplicht = beschikbaar on every row, the unallocated budget on the row of no line", async () => {
    const execution = (await get(api, '/v1/budgets/heerlen-maatwerk-reintegratie-2024/execution')).body;
    const rows = records((await download('/v1/exports/budget-execution?id=heerlen-maatwerk-reintegratie-2024')).body.toString('utf8').slice(1));
    const body = rows.slice(1, rows.findIndex((r) => r.length === 0));
    const cents = (amount: string) => (amount === '' ? 0 : Math.round(Number(amount.replace(',', '.')) * 100));
    const [begroot, verplicht, beschikbaar] = [14, 15, 18];
    for (const row of body) expect(cents(row[begroot]) - cents(row[verplicht])).toBe(cents(row[beschikbaar]));
    const total = body.find((row) => row[6] === 'totaal')!;
    expect([total[begroot], total[beschikbaar]]).toEqual([execution.current.replace('.', ','), execution.totals.available.replace('.', ',')]);
    const parts = body.filter((row) => row[6] !== 'totaal');
    for (const column of [begroot, verplicht, beschikbaar]) expect(parts.reduce((sum, row) => sum + cents(row[column]), 0)).toBe(cents(total[column]));
    expect(body.find((row) => row[6] === 'niet op een regel')![begroot]).toBe(execution.totals.unallocated.replace('.', ','));
  });

  it('narrows the budgets by fiscal year, and refuses a year where it would narrow nothing', async () => {
    const rows = records((await download('/v1/exports/budget-execution?year=2024')).body.toString('utf8').slice(1));
    const years = new Set(rows.slice(1, rows.findIndex((r) => r.length === 0)).map((row) => row[4]));
    expect([...years]).toEqual(['2024']);
    expect(records((await download('/v1/exports/budget-execution?year=2031')).body.toString('utf8').slice(1))[1]).toEqual([]);
    expectProblem(await get(api, '/v1/exports/budget-execution?id=heerlen-maatwerk-reintegratie-2024&year=2025'), 400, 'validation');
    expect((await download('/v1/exports/budget-execution?id=heerlen-maatwerk-reintegratie-2024&year=2024')).status).toBe(200);
    expectProblem(await get(api, '/v1/exports/journal?year=2024'), 400, 'validation');
    expectProblem(await get(api, `/v1/exports/programme-cost?id=${PILOT}&year=2024`), 400, 'validation');
    expectProblem(await get(api, `/v1/exports/then-and-now?id=${PILOT}&report=programme-cost&then=1&year=2024`), 400, 'validation');
  });

  it('exports a party’s funding shares, its spending per taakveld, the flows and the findings', async () => {
    const funding = (await download('/v1/exports/party-funding?id=wsp-parkstad&year=2024')).body.toString('utf8') as string;
    expect(funding).toContain(';gemeente-heerlen;Gemeente Heerlen;');
    expect(funding).toContain('44,39');
    expect(funding).toContain('Selectie;jaar=2024');
    const spending = (await download('/v1/exports/party-spending?id=gemeente-heerlen')).body.toString('utf8') as string;
    const spendingRows = records(spending.slice(1));
    expect(spendingRows[0]).toEqual(['partij-id', 'partij', 'begrotingsjaar', 'rij', 'taakveld', 'soort', 'tegenpartij-id', 'verplicht (EUR)', 'obligo (EUR)', 'gerealiseerd (EUR)']);
    // The kinds of cost in Dutch, as the web page names them.
    expect(spendingRows.some((row) => row[5] === 'inkoop')).toBe(true);
    // The rows of lasten add up to the year's total; the contribution to WSP Parkstad is among them, its own row says "waarvan".
    const cents = (amount: string) => Math.round(Number(amount.replace(',', '.')) * 100);
    const ofRow = (kind: string) => spendingRows.filter((row) => row[2] === '2024' && row[3] === kind);
    expect(ofRow('waarvan').map((row) => [row[6], row[9]])).toEqual([['wsp-parkstad', '870000,00']]);
    const [total] = ofRow('totaal');
    for (const column of [7, 9]) expect(ofRow('lasten').reduce((sum, row) => sum + cents(row[column]), 0)).toBe(cents(total[column]));
    for (const what of ['funding-flows', 'findings']) {
      const response = await download(`/v1/exports/${what}`);
      expect(response.status).toBe(200);
      expect(response.body.toString('utf8')).toContain(digest.rootHash);
    }
  });

  it("exports a programme's cost kind by kind, as the JSON answers it, the kinds adding up to the totals", async () => {
    const cost = (await get(api, `/v1/programmes/${EVERY_KIND_PROGRAMME}/cost`)).body;
    const rows = records((await download(`/v1/exports/programme-cost?id=${EVERY_KIND_PROGRAMME}`)).body.toString('utf8').slice(1));
    const ofFigure = (figure: string) => rows.filter((r) => r[2] === figure).map((r) => [r[9], r[6], r[7]]);
    expect(ofFigure('per soort: verplicht')).toEqual([
      ['subsidies', '10000,00', '1'],
      ['inkoop', '4500,00', '1'],
      ['personeelslasten', '2500,00', '1'],
      ['inhuur', '5200,00', '4'],
      ['apparaatskosten', '2000,00', '1'],
      ['loonkostensubsidie', '3000,00', '1'],
      ['bijdrage aan een verbonden partij', '0,00', '0'],
      ['overig', '0,00', '0'],
    ]);
    const kinds = ['subsidies', 'inkoop', 'personeelslasten', 'inhuur', 'apparaatskosten', 'loonkostensubsidie', 'bijdrage aan een verbonden partij', 'overig'];
    expect(ofFigure('per soort: obligo')).toEqual(kinds.map((kind, i) => [kind, ['6000,00', '3000,00', '0,00', '0,00', '1500,00', '2000,00', '0,00', '0,00'][i], '']));
    expect(ofFigure('per soort: gerealiseerd')).toEqual(kinds.map((kind, i) => [kind, ['4000,00', '1500,00', '2500,00', '5200,00', '500,00', '1000,00', '0,00', '0,00'][i], '']));
    const centsOf = (amount: string) => Number(amount.replace(',', ''));
    for (const [total, figure] of [['verplicht', 'committed'], ['obligo', 'obligo'], ['gerealiseerd', 'realised']] as const) {
      const [[, amount]] = ofFigure(total);
      expect([total, amount]).toEqual([total, cost[figure].replace('.', ',')]);
      expect([total, ofFigure(`per soort: ${total}`).reduce((sum, [, part]) => sum + centsOf(part), 0)]).toEqual([total, centsOf(amount)]);
    }
    expect(ofFigure('trajecten')).toEqual([['', '', '3']]);
  });

  it("exports a provider's spend with every kind of cost the JSON answers: purchases, grants, and expenses by kind", async () => {
    const [year] = (await get(api, `/v1/providers/${EVERY_KIND_PROVIDER}/spend?year=2024`)).body.years;
    const rows = records((await download(`/v1/exports/provider-spend?id=${EVERY_KIND_PROVIDER}&year=2024`)).body.toString('utf8').slice(1));
    const [header, row] = rows;
    const byColumn = Object.fromEntries(header.map((name, i) => [name, row[i]]));
    expect(byColumn).toMatchObject({
      'aanbieder-id': EVERY_KIND_PROVIDER,
      jaar: '2024',
      opdrachten: '1',
      trajecten: '3',
      'inkoop verplicht': '4500,00',
      'inkoop gefactureerd': '1500,00',
      'inkoop betaald': '1500,00',
      subsidies: '1',
      'subsidie verleend': '10000,00',
      'subsidie betaald': '4000,00',
      'uitgaven verplicht': '10200,00',
      'uitgaven gefactureerd': '800,00',
      'uitgaven betaald': '6700,00',
      'personeelslasten verplicht': '0,00',
      'personeelslasten betaald': '0,00',
      'bijdrage aan een verbonden partij verplicht': '0,00',
      'overig betaald': '0,00',
    });
    // Every figure of the JSON's expenses by kind is a column, to the cent.
    const KINDS_NL: Record<string, string> = { 'hired-staff': 'inhuur', operating: 'apparaatskosten', 'wage-cost-subsidy': 'loonkostensubsidie' };
    const FIGURES_NL: Record<string, string> = { committed: 'verplicht', invoiced: 'gefactureerd', paid: 'betaald' };
    const dutch = (amount: string) => amount.replace('.', ',');
    const expenses = Object.entries(year.expenses.byKind as Record<string, Record<string, string>>).flatMap(([kind, figures]) => Object.entries(figures).map(([figure, amount]) => [kind, figure, amount]));
    expect(expenses).toHaveLength(9);
    for (const [kind, figure, amount] of expenses) {
      expect([kind, figure, byColumn[`${KINDS_NL[kind]} ${FIGURES_NL[figure]}`]]).toEqual([kind, figure, dutch(amount)]);
    }
  });

  // The review's finding: the stamp named the current cut alone, and `toen=77` as asked.
  it("names both cuts of then-and-now in its stamp, the earlier one's position, tree size and root hash as the JSON answer has them", async () => {
    // The instant the 12th event was recorded, unless the 13th shares it: then that of the first one after that does not.
    const recorded = ((await get(api, '/v1/journal?limit=40')).body.events as { position: number; recordedAt: string }[]).slice(11);
    const last = recorded.find((e, i) => recorded[i + 1].recordedAt !== e.recordedAt)!;
    for (const then of [String(last.position), last.recordedAt]) {
      const query = `id=${PILOT}&report=programme-cost&then=${encodeURIComponent(then)}`;
      const earlier = (await get(api, `/v1/changes/programme-cost/${PILOT}?then=${encodeURIComponent(then)}`)).body.then.journal;
      expect(earlier.position).toBe(last.position);
      const rows = records((await download(`/v1/exports/then-and-now?${query}`)).body.toString('utf8').slice(1));
      const stamp = rows.slice(rows.findIndex((r) => r.length === 0) + 1).filter((r) => r.length > 0);
      expect(stamp.slice(-7)).toEqual([
        ['Journaalpositie', String(digest.headPosition)],
        ['Boomgrootte', String(digest.treeSize)],
        ['Boomhoofd (RFC 6962)', digest.rootHash],
        ['Toen: zoals bekend op', then],
        ['Toen: journaalpositie', String(last.position)],
        ['Toen: boomgrootte', String(earlier.treeSize)],
        ['Toen: boomhoofd (RFC 6962)', earlier.rootHash],
      ]);
      const workbook = new Workbook();
      await workbook.xlsx.load((await download(`/v1/exports/then-and-now?${query}&format=xlsx`)).body as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet: unknown[][] = [];
      workbook.getWorksheet('Verantwoording')!.eachRow((row) => sheet.push((row.values as unknown[]).slice(1)));
      expect(sheet.slice(-4)).toEqual(stamp.slice(-4));
    }
  });

  it('refuses what it cannot export with a problem, before any byte of a file', async () => {
    expectProblem(await get(api, '/v1/exports/salaries'), 404, 'not-found');
    expectProblem(await get(api, '/v1/exports/programme-cost?id=no-such-programme'), 404, 'not-found');
    expectProblem(await get(api, '/v1/exports/journal?id=x1'), 400, 'validation');
    expectProblem(await get(api, '/v1/exports/party-funding'), 400, 'validation');
    expectProblem(await get(api, '/v1/exports/budget-execution?party=reha'), 400, 'validation');
    expectProblem(await get(api, '/v1/exports/journal?format=pdf'), 400, 'validation');
    expect((await api.http().get('/v1/exports/journal')).status).toBe(401);
  });
});

describe('GET /v1/exports/{what} as XLSX', () => {
  it('holds money as numbers and the stamp on the sheet "Verantwoording"', async () => {
    const response = await download(`/v1/exports/budget-execution?id=heerlen-maatwerk-reintegratie-2024&format=xlsx`);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
    const [sheet, stamp] = workbook.worksheets;
    expect(sheet.name).toBe('budget-execution');
    const header = sheet.getRow(1).values as unknown[];
    const total = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(header.indexOf('rij')).value === 'totaal')!;
    expect(total.getCell(header.indexOf('huidige begroting')).value).toBe(150000);
    expect(total.getCell(header.indexOf('gerealiseerd')).value).toBe(50000);
    expect(stamp.name).toBe('Verantwoording');
    const stamped: unknown[] = [];
    stamp.eachRow((row) => stamped.push(...(row.values as unknown[])));
    expect(stamped).toContain(digest.rootHash);
  });

  it('holds then-and-now\'s amounts as numbers and its counts as counts, each figure as what it is', async () => {
    const response = await download(`/v1/exports/then-and-now?id=${PILOT}&report=programme-cost&then=1&format=xlsx`);
    const workbook = new Workbook();
    await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
    const [sheet] = workbook.worksheets;
    const header = sheet.getRow(1).values as unknown[];
    const figure = (path: string) => sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(header.indexOf('onderdeel')).value === path)!;
    // At position 1 the programme was not there yet: the difference is all of what is realised now.
    const now = Number((await get(api, `/v1/programmes/${PILOT}/cost`)).body.realised);
    const realised = figure('realised');
    expect([realised.getCell(header.indexOf('nu')).value, realised.getCell(header.indexOf('verschil')).value]).toEqual([now, now]);
    expect(realised.getCell(header.indexOf('nu')).numFmt).toBe('#,##0.00');
    expect(typeof figure('participants').getCell(header.indexOf('nu')).value).toBe('number');
  });

  it("holds a provider's expenses as numbers, beside its purchases and grants", async () => {
    const response = await download(`/v1/exports/provider-spend?id=${EVERY_KIND_PROVIDER}&year=2024&format=xlsx`);
    const workbook = new Workbook();
    await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
    const [sheet] = workbook.worksheets;
    const header = sheet.getRow(1).values as unknown[];
    const row = sheet.getRow(2);
    const value = (name: string) => row.getCell(header.indexOf(name)).value;
    expect(['inkoop verplicht', 'subsidie betaald', 'uitgaven verplicht', 'uitgaven gefactureerd', 'uitgaven betaald', 'inhuur betaald', 'apparaatskosten betaald'].map(value)).toEqual([4500, 4000, 10200, 800, 6700, 5200, 500]);
  });
});

describe('the command line and the API', () => {
  it('give the same bytes for the same export, CSV and XLSX', async () => {
    const fromApi = (await download(`/v1/exports/programme-cost?id=${PILOT}`)).body as Buffer;
    expect(cliExport('programme-cost', PILOT).equals(fromApi)).toBe(true);
    const spend = (await download(`/v1/exports/provider-spend?id=${EVERY_KIND_PROVIDER}&year=2024`)).body as Buffer;
    expect(cliExport('provider-spend', EVERY_KIND_PROVIDER, '--year', '2024').equals(spend)).toBe(true);

    const out = join(dir, 'journal.xlsx');
    cliExport('journal', '--format', 'xlsx', '--out', out, '--as-of', String(digest.headPosition - 3));
    const xlsx = (await download(`/v1/exports/journal?format=xlsx&asOf=${digest.headPosition - 3}`)).body as Buffer;
    expect(readFileSync(out).equals(xlsx)).toBe(true);
  }, 120_000);
});
