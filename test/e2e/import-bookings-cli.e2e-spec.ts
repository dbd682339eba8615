// `npm run cli -- import-bookings` as an operator runs it, a process of its own on a real SQLite
// ledger in a temporary folder: an Exact Online export (UTF-8 with a BOM, one signed amount) with
// the example mapping of config/, as a dry run, for real, and again; the refused lines beside the
// input with their reasons; the reconciliation beside it; the same bookings as an XLSX workbook;
// and beside an API that keeps the data folder, through that API.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Workbook } from 'exceljs';
import { ReadModels } from '../../apps/api/src/queries/projections.module';
import type { Harness } from '../support/api-harness';
import { apiBesideCli, cliBeside } from '../support/cli-beside';
import { exactExport, EXACT_HEADER, type Booking } from '../support/booking-exports';

const ROOT = resolve(__dirname, '../..');
const MAPPING = join(ROOT, 'config/booking-mappings/exact-online.example.yaml');
const BUDGET = 'voorbeeld-reintegratie-2024';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let dir: string;
let dataDir: string;

function cli(...args: string[]): Run {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, GELDSTROOM_DATA_DIR: dataDir, GELDSTROOM_SIGNING_KEY: '', EVENTSTORE_CONNECTION_STRING: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const step = (request: string, body: Record<string, unknown>) => ({ request, source: 'Begroting 2024 van de gemeente', body: { sourceReference: 'Begroting 2024', effectiveDate: '2024-01-01', ...body } });
const booking = (entry: string, date: string, account: string, creditor: string, description: string, amountCents: number, journal = '70', order?: string): Booking =>
  ({ journal, document: entry, line: 1, date, account, costCentre: 'RE01', creditor, description, amountCents, ...(order ? { order } : {}) });

const BOOKINGS: Booking[] = [
  booking('24700001', '2024-02-01', '4500', '20001', 'Opdracht trajecten ReHa', 1_000_000, '90', '24-0001'),
  booking('24700002', '2024-03-04', '4510', '20002', 'Coaching op de werkvloer – maart', 245_075),
  booking('24700003', '2024-03-28', '8010', '', 'Bijdrage regio', -400_000),
  booking('24700004', '2024-04-02', '4510', '20002', 'Terugboeking', -10_000),
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-import-bookings-'));
  dataDir = join(dir, 'data');
  const scenario = {
    name: 'Een gemeente en haar re-integratiebudget',
    steps: [
      step('POST /v1/parties', { partyId: 'gemeente-voorbeeld', name: 'Gemeente Voorbeeld', kind: 'municipality' }),
      step('POST /v1/parties', { partyId: 'reha-trajecten-bv', name: 'ReHa Trajecten BV', kind: 'company' }),
      step('POST /v1/parties', { partyId: 'voorbeeld-overige-crediteuren', name: 'Overige crediteuren', kind: 'company' }),
      step('POST /v1/budgets', { budgetId: BUDGET, ownerPartyId: 'gemeente-voorbeeld', name: 'Re-integratie', fiscalYear: 2024, taakveld: '6.4' }),
    ],
  };
  writeFileSync(join(dir, 'ledger.scenario.json'), JSON.stringify(scenario));
  const setUp = cli('import', join(dir, 'ledger.scenario.json'));
  if (setUp.status !== 0) throw new Error(`${setUp.stdout}\n${setUp.stderr}`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- import-bookings', () => {
  const file = () => join(dir, 'exact-transactielijnen-2024.csv');

  it('reads an Exact Online export in a dry run, writing nothing, and says what it would write', () => {
    writeFileSync(file(), exactExport(BOOKINGS));
    const run = cli('import-bookings', file(), '--mapping', MAPPING, '--dry-run');
    expect(run.stdout).toContain('(csv, utf-8, SHA-256 ');
    expect(run.stdout).toContain('4 lines: 3 would be written (dry run: nothing written), 0 already recorded, 1 refused.');
    expect(run.status).toBe(1);
    const again = cli('import-bookings', file(), '--mapping', MAPPING, '--dry-run');
    expect(again.stdout).toContain('3 would be written');
  }, 120_000);

  it('imports it, with the refused line and its reason beside the input and the reconciliation adding up', () => {
    const run = cli('import-bookings', file(), '--mapping', MAPPING);
    expect(run.stdout).toContain('4 lines: 3 written, 0 already recorded, 1 refused.');
    expect(run.stdout).toContain('Reconciliation: the 3 lines taken and the ledger add up, figure for figure; the 1 refused line is not in it.');
    const refused = readFileSync(`${file()}.refused.csv`, 'utf8');
    expect(refused.startsWith('\uFEFFRegel;Reden;FinancialYear;')).toBe(true);
    expect(refused).toMatch(/\r\n5;a credit on a cost line is a correction[^\r\n]*;2024;4;70;24700004;1;2024-04-02;4510;RE01;20002;Terugboeking;-100,00;;\r\n/);
    const reconciliation = readFileSync(`${file()}.reconciliation.csv`, 'utf8');
    expect(reconciliation).toContain(`begroting;${BUDGET};verplicht;12450,75;12450,75;0,00`);
    expect(reconciliation).toContain(`begroting;${BUDGET};gedekt (baten);4000,00;4000,00;0,00`);
    expect(reconciliation).toContain('crediteur (partij);voorbeeld-overige-crediteuren;gerealiseerd;2450,75;2450,75;0,00');
  }, 120_000);

  it('writes nothing the second time: every line already recorded', () => {
    const run = cli('import-bookings', file(), '--mapping', MAPPING);
    expect(run.stdout).toContain('4 lines: 0 written, 3 already recorded, 1 refused.');
  }, 120_000);

  it('reads the same bookings from an XLSX workbook: the same facts, already recorded', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Transacties');
    sheet.addRow(EXACT_HEADER);
    for (const b of BOOKINGS.slice(0, 3)) {
      // A spreadsheet keeps dates as dates and amounts as numbers: the reader takes both.
      sheet.addRow(['2024', Number(b.date.slice(5, 7)), b.journal, b.document, 1, new Date(`${b.date}T00:00:00Z`), b.account, b.costCentre, b.creditor, b.description, b.amountCents / 100, b.order ?? '', '']);
    }
    const xlsx = join(dir, 'transacties.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const run = cli('import-bookings', xlsx, '--mapping', MAPPING);
    expect(run.stdout).toContain('(xlsx, SHA-256 ');
    expect(run.stdout).toContain('3 lines: 0 written, 3 already recorded, 0 refused.');
    expect(run.status).toBe(0);
  }, 120_000);

  it('writes a refused line’s text to the refused-lines file as text a spreadsheet never runs as a formula', () => {
    const formulas = join(dir, 'formules.csv');
    writeFileSync(formulas, exactExport([booking('24700009', '2024-04-03', '4510', '20002', "=cmd|' /C calc'!A0", -10_000), booking('24700010', '2024-04-03', '4510', '20002', '@SUM(A1)', -2_500)]));
    const run = cli('import-bookings', formulas, '--mapping', MAPPING);
    expect(run.stdout).toContain('2 lines: 0 written, 0 already recorded, 2 refused.');
    expect(run.stdout).toContain('Reconciliation: nothing to reconcile: every line was refused.');
    const refused = readFileSync(`${formulas}.refused.csv`, 'utf8');
    expect(refused).toContain(";'=cmd|' /C calc'!A0;-100,00;;");
    expect(refused).toContain(";'@SUM(A1);-25,00;;");
    expect(refused).not.toMatch(/;[=+@]/);
  }, 120_000);

  it('checks where --report goes before it imports a line', () => {
    const fresh = join(dir, 'nieuw.csv');
    writeFileSync(fresh, exactExport([booking('24700020', '2024-05-06', '4510', '20002', 'Nieuwe factuur', 12_300)]));
    const run = cli('import-bookings', fresh, '--mapping', MAPPING, '--report', join(dir, 'geen-map', 'r.xlsx'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Not imported, nothing written: cannot write ${join(dir, 'geen-map', 'r.xlsx')}: the folder ${join(dir, 'geen-map')} does not exist`);
    expect(run.stderr).not.toContain('ENOENT');
    const after = cli('import-bookings', fresh, '--mapping', MAPPING, '--dry-run');
    expect(after.stdout).toContain('1 line: 1 would be written');
  }, 120_000);

  it('refuses a mapping that names what the ledger does not know, and says so in plain words', () => {
    const mapping = join(dir, 'onbekend.yaml');
    writeFileSync(mapping, readFileSync(MAPPING, 'utf8').replace(`budget: ${BUDGET}`, 'budget: onbekend-2024'));
    const run = cli('import-bookings', file(), '--mapping', mapping);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Not imported, nothing written: the mapping: the ledger does not know budget onbekend-2024.');
    expect(existsSync(join(dir, 'missing.csv'))).toBe(false);
    expect(cli('import-bookings', join(dir, 'missing.csv'), '--mapping', MAPPING).stderr).toContain('there is no such file');
  }, 120_000);
});

describe('npm run cli -- import-bookings beside a running API', () => {
  let api: Harness;
  let url: string;

  beforeAll(async () => {
    ({ api, url } = await apiBesideCli());
    const setUp = await cliBeside(api.dataDir, 'import', join(dir, 'ledger.scenario.json'), '--token', api.token);
    if (setUp.status !== 0) throw new Error(`${setUp.stdout}\n${setUp.stderr}`);
  }, 120_000);
  afterAll(() => api.close());

  it('asks for a token, then sends the file to the API that keeps the ledger: its refused lines and reconciliation beside the input, as in-process', async () => {
    const file = join(dir, 'via-api.csv');
    writeFileSync(file, exactExport(BOOKINGS));
    const without = await cliBeside(api.dataDir, 'import-bookings', file, '--mapping', MAPPING);
    expect(without.status).toBe(1);
    expect(without.stderr).toContain(`Not imported, nothing written: the API at ${url} keeps this ledger: give a recorder's token with --token`);

    const dry = await cliBeside(api.dataDir, 'import-bookings', file, '--mapping', MAPPING, '--dry-run', '--token', api.token);
    expect(dry.stdout).toContain('4 lines: 3 would be written (dry run: nothing written), 0 already recorded, 1 refused.');
    const run = await cliBeside(api.dataDir, 'import-bookings', file, '--mapping', MAPPING, '--token', api.token);
    expect(run.stdout).toContain(`Sending via-api.csv to the API at ${url}, which keeps this ledger.`);
    expect(run.stdout).toContain('4 lines: 3 written, 0 already recorded, 1 refused.');
    expect(run.stdout).toContain('Reconciliation: the 3 lines taken and the ledger add up, figure for figure; the 1 refused line is not in it.');
    expect(run.status).toBe(1);
    expect(readFileSync(`${file}.refused.csv`, 'utf8')).toMatch(/\r\n5;a credit on a cost line is a correction[^\r\n]*;2024;4;70;24700004;1;2024-04-02;4510;RE01;20002;Terugboeking;-100,00;;\r\n/);
    expect(readFileSync(`${file}.reconciliation.csv`, 'utf8')).toContain(`begroting;${BUDGET};verplicht;12450,75;12450,75;0,00`);
    // The API's own read models took the lines in: nobody else wrote them.
    const execution = await api.http().get(`/v1/budgets/${BUDGET}/execution`).set('Authorization', `Bearer ${api.token}`);
    expect(execution.body.totals).toMatchObject({ committed: '12450.75' });
    expect(api.app.get(ReadModels).projector.lastError).toBeUndefined();
  }, 120_000);
});
