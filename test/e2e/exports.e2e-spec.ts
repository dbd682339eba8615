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

  it('exports a party’s funding shares, its spending per taakveld, the flows and the findings', async () => {
    const funding = (await download('/v1/exports/party-funding?id=wsp-parkstad&year=2024')).body.toString('utf8') as string;
    expect(funding).toContain(';gemeente-heerlen;Gemeente Heerlen;');
    expect(funding).toContain('44,39');
    expect(funding).toContain('Selectie;jaar=2024');
    const spending = (await download('/v1/exports/party-spending?id=gemeente-heerlen')).body.toString('utf8') as string;
    expect(records(spending.slice(1))[0]).toEqual(['partij-id', 'partij', 'begrotingsjaar', 'taakveld', 'soort', 'tegenpartij-id', 'verplicht (EUR)', 'obligo (EUR)', 'gerealiseerd (EUR)']);
    // The kinds of cost in Dutch, as the web page names them.
    expect(records(spending.slice(1)).some((row) => row[4] === 'inkoop')).toBe(true);
    for (const what of ['funding-flows', 'findings']) {
      const response = await download(`/v1/exports/${what}`);
      expect(response.status).toBe(200);
      expect(response.body.toString('utf8')).toContain(digest.rootHash);
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
});

describe('the command line and the API', () => {
  it('give the same bytes for the same export, CSV and XLSX', async () => {
    const fromApi = (await download(`/v1/exports/programme-cost?id=${PILOT}`)).body as Buffer;
    expect(cliExport('programme-cost', PILOT).equals(fromApi)).toBe(true);

    const out = join(dir, 'journal.xlsx');
    cliExport('journal', '--format', 'xlsx', '--out', out, '--as-of', String(digest.headPosition - 3));
    const xlsx = (await download(`/v1/exports/journal?format=xlsx&asOf=${digest.headPosition - 3}`)).body as Buffer;
    expect(readFileSync(out).equals(xlsx)).toBe(true);
  }, 120_000);
});
