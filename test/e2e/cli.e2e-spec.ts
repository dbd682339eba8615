// The command-line tool as an operator runs it (`npm run cli -- <command>`, a process of its own),
// on a real SQLite ledger in a temporary folder: import the Heerlen scenario from JSON and again
// from YAML (nothing written twice), verify, export what an accountant asks for as CSV and XLSX,
// rebuild, digest, manage principals, copy the ledger and prove the copy equal, and catch a row
// edited behind the ledger's back.
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Workbook } from 'exceljs';
import { stringify } from 'yaml';
import { ReadModels } from '../../apps/api/src/queries/projections.module';
import type { Harness } from '../support/api-harness';
import { apiBesideCli, cliBeside } from '../support/cli-beside';

const ROOT = resolve(__dirname, '../..');
const SCENARIO = join(ROOT, 'scenarios/heerlen.scenario.json');
const PILOT = 'pilot-werkvoorheerlen-2024';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let dir: string;
let dataDir: string;

function cli(...args: string[]): Run {
  return cliWith({}, ...args);
}

function cliWith(environment: Record<string, string>, ...args: string[]): Run {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      GELDSTROOM_DATA_DIR: dataDir,
      GELDSTROOM_SIGNING_KEY: '',
      EVENTSTORE_CONNECTION_STRING: '',
      ...environment,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** The actors named in the metadata of the events `where` selects, each once. */
function actorsOf(where: string): string[] {
  const events = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return events.prepare(`SELECT DISTINCT json_extract(CAST(body AS TEXT), '$.metadata.actor') FROM events WHERE ${where}`).pluck().all() as string[];
  } finally {
    events.close();
  }
}

function ok(run: Run): string {
  if (run.status !== 0) throw new Error(`exit ${run.status}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-cli-'));
  dataDir = join(dir, 'data');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('geldstroom CLI', () => {
  let steps: number;

  it('says what it does with --help, every command listed', () => {
    const help = ok(cli('--help'));
    for (const command of ['import', 'verify', 'rebuild', 'export', 'digest', 'principals', 'copy']) {
      expect(help).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    expect(ok(cli('export', '--help'))).toContain('--as-of');
  });

  it('imports the Heerlen scenario in its own process as the active recorder --as names, and a second import of the same steps as YAML writes nothing', () => {
    steps = (JSON.parse(readFileSync(SCENARIO, 'utf8')) as { steps: unknown[] }).steps.length;
    ok(cli('principals', 'create', 'import-heerlen', '--role', 'recorder', '--label', 'Import begroting Heerlen'));
    const first = ok(cli('import', SCENARIO, '--as', 'import-heerlen'));
    expect(first).toContain(`${steps} steps: ${steps} written, 0 already there, 0 refused.`);
    expect(first).toContain('Recorded in this process as import-heerlen.');
    // Every event the import wrote names the principal --as named; only its making names the command line.
    expect(actorsOf("stream_id <> 'access-principals'")).toEqual(['import-heerlen']);
    expect(actorsOf("stream_id = 'access-principals'")).toEqual(['command-line']);

    const yamlFile = join(dir, 'heerlen.scenario.yaml');
    writeFileSync(yamlFile, stringify(JSON.parse(readFileSync(SCENARIO, 'utf8'))));
    const before = JSON.parse(ok(cli('digest'))) as { treeSize: number; rootHash: string };
    const second = ok(cli('import', yamlFile));
    expect(second).toContain(`${steps} steps: 0 written, ${steps} already there, 0 refused.`);
    const after = JSON.parse(ok(cli('digest'))) as { treeSize: number; rootHash: string };
    expect({ treeSize: after.treeSize, rootHash: after.rootHash }).toEqual({ treeSize: before.treeSize, rootHash: before.rootHash });
  });

  it('refuses an --as that is not a principal id', () => {
    const run = cli('import', SCENARIO, '--as', 'Not An Id');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('--as must be an id like import-begroting-2024');
  });

  describe('--as names who records, with its role and scope', () => {
    // The security review's case: a budget amendment on another municipality's budget.
    let file: string;
    const head = () => {
      const { treeSize, rootHash } = JSON.parse(ok(cli('digest'))) as { treeSize: number; rootHash: string };
      return { treeSize, rootHash };
    };

    beforeAll(() => {
      file = join(dir, 'amend-heerlen.json');
      writeFileSync(
        file,
        JSON.stringify({
          name: 'an amendment of a Heerlen budget',
          steps: [
            {
              request: 'POST /v1/budgets/heerlen-maatwerk-reintegratie-2024/amendments',
              body: { amendmentId: 'bw-as-test', amount: '-1000.00', reason: 'Tweede bestuursrapportage', sourceReference: 'Raadsbesluit', effectiveDate: '2024-09-01' },
              source: 'test',
            },
          ],
        }),
      );
      ok(cli('principals', 'create', 'ctl', '--role', 'controller', '--label', 'Concerncontrol'));
      ok(cli('principals', 'create', 'recorder-left', '--role', 'recorder', '--label', 'Boekhouding, vertrokken'));
      ok(cli('principals', 'revoke', 'recorder-left', '--reason', 'left the team'));
      ok(cli('principals', 'create', 'recorder-kerkrade', '--role', 'recorder', '--parties', 'gemeente-kerkrade', '--label', 'Boekhouding Kerkrade'));
    });

    it.each([
      ['a principal the ledger does not know', 'no-such-person-x', '--as no-such-person-x: the ledger knows no principal no-such-person-x', [[]]],
      ['a controller, step by step, atomic or as a dry run', 'ctl', '--as ctl: a controller may not record in the ledger', [[], ['--atomic'], ['--dry-run']]],
      ['a revoked recorder', 'recorder-left', '--as recorder-left: its access was revoked', [[]]],
    ])('refuses %s before any step: exit 1, nothing written', (_, as, why, modes) => {
      const before = head();
      for (const mode of modes) {
        const run = cli('import', file, '--as', as, ...mode);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(`Not imported: ${why}.`);
        expect(run.stdout).not.toContain('Recorded in this process');
      }
      expect(head()).toEqual(before);
    });

    it('refuses a step outside the scope of the recorder --as names, as over HTTP: 403, exit 1, nothing written', () => {
      const before = head();
      const run = cli('import', file, '--as', 'recorder-kerkrade');
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('1 step: 0 written, 0 already there, 1 refused.');
      expect(run.stdout).toMatch(/refused: step 1 POST \/v1\/budgets\/heerlen-maatwerk-reintegratie-2024\/amendments \(403\)/);
      const atomic = cli('import', file, '--as', 'recorder-kerkrade', '--atomic');
      expect(atomic.status).toBe(1);
      expect(atomic.stdout).toMatch(/refused: step 1 .* \(403\)/);
      expect(head()).toEqual(before);
    });

    it('records as the active recorder --as names, in its scope', () => {
      const run = cli('import', file, '--as', 'import-heerlen');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Recorded in this process as import-heerlen.');
      expect(actorsOf("json_extract(CAST(body AS TEXT), '$.data.amendmentId') = 'bw-as-test'")).toEqual(['import-heerlen']);
    });
  });

  it('refuses a scenario file with bad steps before sending anything, naming each, and exits 1', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        name: 'bad',
        steps: [{ request: 'DELETE /v1/budgets', body: {}, source: 'x' }, { body: [] }],
      }),
    );
    const run = cli('import', bad);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('step 1: needs a request "POST /v1/…"');
    expect(run.stderr).toContain('step 2: needs a body that is an object');
  });

  it('checks a file with --dry-run and writes nothing; with --atomic writes all of it or none', () => {
    const step = (partyId: string) => ({
      request: 'POST /v1/parties',
      body: { partyId, name: `Gemeente ${partyId}`, kind: 'municipality', sourceReference: 'Partijenregister', effectiveDate: '2024-01-01' },
      source: 'test',
    });
    const refused = { request: 'POST /v1/budgets/no-such-budget/fundings', body: { fundingId: 'eigen-middelen', source: 'own-means', amount: '1.00', sourceReference: 'B', effectiveDate: '2024-01-01' }, source: 'test' };
    const bad = join(dir, 'atomic-bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'two good, one bad', steps: [step('gemeente-gulpen'), step('gemeente-wittem'), refused] }));
    const good = join(dir, 'atomic-good.json');
    // The second step needs the first: a dry run decides each on what the steps before it would leave.
    writeFileSync(good, JSON.stringify({ name: 'a party and its budget', steps: [step('gemeente-eijsden'), { request: 'POST /v1/budgets', body: { budgetId: 'eijsden-2024', ownerPartyId: 'gemeente-eijsden', name: 'Participatie', fiscalYear: 2024, taakveld: '6.4', sourceReference: 'Begroting', effectiveDate: '2024-01-01' }, source: 'test' }] }));
    const head = () => (JSON.parse(ok(cli('digest'))) as { treeSize: number }).treeSize;
    const before = head();

    const dryBad = cli('import', bad, '--dry-run');
    expect(dryBad.status).toBe(1);
    expect(dryBad.stdout).toContain('Dry run, nothing written. 3 steps: 0 would be written, 0 already there, 1 refused.');
    expect(dryBad.stdout).toMatch(/refused: step 3 POST \/v1\/budgets\/no-such-budget\/fundings \(404\)/);
    const atomicBad = cli('import', bad, '--atomic');
    expect(atomicBad.status).toBe(1);
    expect(atomicBad.stdout).toContain('3 steps: 0 written, 0 already there, 1 refused, 2 not written (all or nothing).');
    expect(head()).toBe(before);

    const dryGood = cli('import', good, '--dry-run');
    expect(dryGood.status).toBe(0);
    expect(dryGood.stdout).toContain('2 would be written');
    expect(head()).toBe(before);
    expect(ok(cli('import', good, '--atomic'))).toContain('2 steps: 2 written, 0 already there, 0 refused.');
    expect(head()).toBe(before + 2);
  });

  it('reports a refused step and exits 1, writing only what was valid', () => {
    const mixed = join(dir, 'mixed.json');
    writeFileSync(
      mixed,
      JSON.stringify({
        name: 'one good, one bad',
        steps: [
          {
            request: 'POST /v1/parties',
            body: {
              partyId: 'gemeente-voerendaal',
              name: 'Gemeente Voerendaal',
              kind: 'municipality',
              sourceReference: 'Partijenregister',
              effectiveDate: '2024-01-01',
            },
            source: 'test',
          },
          {
            request: 'POST /v1/budgets/no-such-budget/fundings',
            body: {
              fundingId: 'eigen-middelen',
              source: 'own-means',
              amount: '1.00',
              sourceReference: 'Begroting 2024',
              effectiveDate: '2024-01-01',
            },
            source: 'test',
          },
        ],
      }),
    );
    const run = cli('import', mixed);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('2 steps: 1 written, 0 already there, 1 refused.');
    expect(run.stdout).toMatch(/refused: step 2 POST \/v1\/budgets\/no-such-budget\/fundings \(404\)/);
  });

  it('verifies the journal: exit 0 with the events checked and the root hash', () => {
    const digest = JSON.parse(ok(cli('digest'))) as {
      treeSize: number;
      rootHash: string;
    };
    const out = ok(cli('verify'));
    expect(out).toContain('is intact');
    expect(out).toContain(`tree size:      ${digest.treeSize}`);
    expect(out).toContain(`root hash:      ${digest.rootHash}`);
    // And the read models derived from it: derived again and compared row by row.
    expect(out).toMatch(/The read models in .*projections\.sqlite match the journal, as of position \d+\./);
  });

  it('verifies against a digest an auditor kept, and refuses a forged one', () => {
    const kept = join(dir, 'kept-digest.json');
    writeFileSync(kept, ok(cli('digest')));
    expect(ok(cli('verify', '--digest', kept))).toMatch(/digests proven: \d+ \(1 from /);

    const forged = join(dir, 'forged-digest.json');
    const digest = JSON.parse(readFileSync(kept, 'utf8')) as {
      treeSize: number;
      rootHash: string;
    };
    writeFileSync(forged, JSON.stringify([{ treeSize: digest.treeSize, rootHash: 'f'.repeat(64) }]));
    const run = cli('verify', '--digest', forged);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('NOT intact');
  });

  it('exports the pilot cost as CSV for Dutch Excel, stamped with the journal head, with the figures the council got', () => {
    const digest = JSON.parse(ok(cli('digest'))) as {
      treeSize: number;
      rootHash: string;
    };
    const csv = ok(cli('export', 'programme-cost', PILOT));
    expect(csv.startsWith('\uFEFFprogramma-id;programma;cijfer;')).toBe(true);
    expect(csv).toContain(`Boomhoofd (RFC 6962);${digest.rootHash}`);
    expect(csv).toContain(';verplicht;;;;150000,00;');
    expect(csv).toContain(';uiteindelijke financier;arbeidsmarktregio-zuid-limburg;Arbeidsmarktregio Zuid-Limburg;;100000,00;;66,67;');
    expect(csv).toContain(';uiteindelijke financier;gemeente-heerlen;Gemeente Heerlen;;50000,00;;33,33;');
  });

  it('exports a budget execution as XLSX with money as numbers and the journal head on the sheet Verantwoording', async () => {
    const out = join(dir, 'pilot.xlsx');
    ok(cli('export', 'programme-cost', PILOT, '--format', 'xlsx', '--out', out));
    const workbook = new Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0];
    const values: unknown[] = [];
    sheet.eachRow((row) => values.push(...(row.values as unknown[])));
    expect(values).toContain(150000);
    expect(values).toContain(100000);
    const stamp: unknown[] = [];
    workbook.getWorksheet('Verantwoording')!.eachRow((row) => stamp.push(...(row.values as unknown[])));
    const digest = JSON.parse(ok(cli('digest'))) as { rootHash: string };
    expect(stamp).toContain(digest.rootHash);
  });

  it('exports as of a journal position: what was known then, not what is known now', () => {
    const early = ok(cli('export', 'programme-cost', '--as-of', '5'));
    expect(early).not.toContain(PILOT);
    expect(ok(cli('export', 'programme-cost'))).toContain(PILOT);
  });

  it('exports the whole journal, one row per event', () => {
    const digest = JSON.parse(ok(cli('digest'))) as { treeSize: number };
    const csv = ok(cli('export', 'journal'));
    const rows = csv.split('\r\n').filter((line) => /^\d+;/.test(line));
    expect(rows).toHaveLength(digest.treeSize);
  });

  it("exports Heerlen's Iv3 matrix of 2024 with Dutch headers, the WSP contribution as 4.3.3 and the reconciliation with its own view", () => {
    const csv = ok(cli('export', 'iv3-matrix', 'gemeente-heerlen', '--year', '2024'));
    const header = csv.split('\r\n').find((line) => line.startsWith('\ufeffpartij-id;') || line.startsWith('partij-id;'));
    expect(header?.replace('\ufeff', '')).toBe('partij-id;partij;jaar;taakveld;taakveld naam;lasten/baten;economische categorie;categorie naam;groep;bedrag (EUR);eigen overzicht (EUR);toelichting');
    expect(csv).toContain('gemeente-heerlen;Gemeente Heerlen;2024;6.4;WSW en beschut werk;lasten;4.3.3;Inkomensoverdrachten - gemeenschappelijke regelingen;bijdragen aan verbonden partijen;870000,00;;');
    expect(csv).toContain('gemeente-heerlen;Gemeente Heerlen;2024;;;totaal lasten;;;;920000,00;920000,00;sluit aan');
  });

  it('exports the rechtmatigheid register as XLSX, the accountability per funding and then-and-now as CSV', async () => {
    const out = join(dir, 'rechtmatigheid.xlsx');
    ok(cli('export', 'rechtmatigheid', 'gemeente-heerlen', '--year', '2024', '--format', 'xlsx', '--out', out));
    const workbook = new Workbook();
    await workbook.xlsx.readFile(out);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    // The one irregularity of the scenario: the pilot paid without an invoice, an onzekerheid of 50.000.
    expect(rows).toContainEqual(expect.arrayContaining(['afwijking', 'paid-above-invoiced', 'voorwaardencriterium', 'onzekerheid', 50000]));
    const funding = ok(cli('export', 'funding-accountability', 'wsp-parkstad'));
    expect(funding).toContain('wsp-parkstad;gemeente-heerlen;Gemeente Heerlen;;;2024;870000,00;0,00;0,00;870000,00;0,00;870000,00;nee;0');
    const changes = ok(cli('export', 'then-and-now', PILOT, '--report', 'programme-cost', '--then', '5'));
    expect(changes).toContain('programme-cost;pilot-werkvoorheerlen-2024;wijziging;realised;Gerealiseerd;;150000,00;150000,00');
    // The payment moved the realised figure and raised the scenario's one finding (paid without an invoice).
    expect(changes).toMatch(
      /gebeurtenis;"gerealiseerd 50000,00; wijzigt bevinding ‘Er is meer betaald dan gefactureerd’ \([0-9a-f-]{36}\)";;;;;\d+;Inkoop betaald;purchase-heerlen-pilot-werkvoorheerlen-2024;2024-03-01;[0-9a-f]{64}/,
    );
  });

  it('refuses a report of one year without --year, and then-and-now without --report and --then', () => {
    const run = cli('export', 'iv3-matrix', 'gemeente-heerlen');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('--year');
    expect(cli('export', 'then-and-now', PILOT, '--then', '5').status).not.toBe(0);
    expect(cli('export', 'rechtmatigheid', 'gemeente-heerlen', '--year', '99').status).not.toBe(0);
  });

  it('refuses an unknown export and an --as-of that is not a position, date or instant', () => {
    expect(cli('export', 'salaries').status).not.toBe(0);
    const run = cli('export', 'journal', '--as-of', 'yesterday');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('--as-of');
  });

  it('says plainly what is wrong with a file it was given: a missing scenario or digest, an --out it cannot write', () => {
    const missing = join(dir, 'no-such-scenario.json');
    const importing = cli('import', missing);
    expect(importing.status).toBe(1);
    expect(importing.stderr).toContain(`cannot read ${missing}: there is no such file`);
    expect(importing.stderr).not.toMatch(/ENOENT|stat/);

    const verifying = cli('verify', '--digest', 'missing.json');
    expect(verifying.status).toBe(1);
    expect(verifying.stderr).toContain('cannot read missing.json: there is no such file');
    expect(verifying.stderr).not.toMatch(/ENOENT|not JSON/);

    const nowhere = join(dir, 'no-such-folder', 'pilot.csv');
    const exporting = cli('export', 'programme-cost', PILOT, '--out', nowhere);
    expect(exporting.status).toBe(1);
    expect(exporting.stderr).toContain(`cannot write ${nowhere}: the folder ${join(dir, 'no-such-folder')} does not exist`);
    expect(exporting.stderr).not.toContain('.partial');
    const folder = cli('export', 'programme-cost', PILOT, '--out', dir);
    expect(folder.stderr).toContain(`cannot write ${dir}: it is a folder; give a file name`);
  });

  it('rebuilds the read models from the log, and they give the same answers', () => {
    const before = ok(cli('export', 'programme-cost', PILOT));
    const out = ok(cli('rebuild'));
    expect(out).toMatch(/Rebuilt the read models .* from \d+ events/);
    expect(ok(cli('export', 'programme-cost', PILOT))).toBe(before);
  });

  it('makes, lists and revokes a principal; the token is printed once and only its hash kept', () => {
    const made = ok(cli('principals', 'create', 'controller-concern', '--role', 'controller', '--label', 'Concerncontrol'));
    const token = /gs_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/.exec(made)?.[0];
    expect(token).toBeDefined();
    const events = readFileSync(join(dataDir, 'events.sqlite'));
    expect(events.includes(Buffer.from(token!))).toBe(false);
    expect(ok(cli('principals', 'list'))).toContain('controller-concern');
    ok(cli('principals', 'revoke', 'controller-concern', '--reason', 'left the team'));
    expect(ok(cli('principals', 'list'))).toMatch(/controller-concern.*revoked/);
  });

  it('copies the ledger into a new SQLite file, equal to the hash, and refuses to copy into another ledger', () => {
    const copy = join(dir, 'copy', 'events.sqlite');
    const out = ok(cli('copy', '--to-sqlite', copy));
    expect(out).toContain("The copy verifies and its tree head equals the source's.");
    const source = JSON.parse(ok(cli('digest'))) as {
      treeSize: number;
      rootHash: string;
    };
    const copied = JSON.parse(ok(cli('digest', '--data-dir', join(dir, 'copy')))) as { treeSize: number; rootHash: string };
    expect(copied.treeSize).toBe(source.treeSize);
    expect(copied.rootHash).toBe(source.rootHash);

    // A ledger holding other events is never copied into.
    const other = join(dir, 'other');
    ok(cli('principals', 'create', 'admin-elsewhere', '--role', 'admin', '--label', 'another ledger', '--data-dir', other));
    const refused = cli('copy', '--to-sqlite', join(other, 'events.sqlite'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('the target already holds other events than the source');
  });

  it('refuses to copy into a file that is not empty and not a ledger, and leaves it as it was', () => {
    const projections = join(dataDir, 'projections.sqlite');
    const tablesOf = () => {
      const db = new Database(projections, { readonly: true });
      try {
        return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      } finally {
        db.close();
      }
    };
    const before = tablesOf();
    const refused = cli('copy', '--to-sqlite', projections);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`--to-sqlite ${projections} is not empty`);
    expect(tablesOf()).toEqual(before);
    expect(before).not.toContain('events');
    const notSqlite = join(dir, 'notes.txt');
    writeFileSync(notSqlite, 'notes of a controller');
    expect(cli('copy', '--to-sqlite', notSqlite).stderr).toContain('is not empty and not a SQLite file');
    expect(readFileSync(notSqlite, 'utf8')).toBe('notes of a controller');
  });

  it('names the digests missing when they were deleted from a copy: exit 1', () => {
    const copyDir = join(dir, 'copy');
    const copy = new Database(join(copyDir, 'events.sqlite'));
    const total = copy.prepare('SELECT count(*) FROM events').pluck().get() as number;
    copy.prepare('DELETE FROM kept_digests').run();
    copy.close();
    // A ledger that signs its digests, one every 10 events: the scenario's events leave several due.
    const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const unsigned = cliWith({ GELDSTROOM_DIGEST_EVERY: '10' }, 'verify', '--journal-only', '--data-dir', copyDir);
    // Without a key the series is not required: an unsigned digest is as easy to forge as to delete.
    expect(unsigned.stdout).not.toContain('digest-missing');
    const run = cliWith({ GELDSTROOM_DIGEST_EVERY: '10', GELDSTROOM_SIGNING_KEY: signingKey }, 'verify', '--journal-only', '--data-dir', copyDir);
    expect(total).toBeGreaterThan(10);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('kind:               digest-missing');
    expect(run.stdout).toContain('none is kept over 10 events');
  });

  let edited: number;

  it('finds a read-model row edited behind its back: exit 1 naming the table and the row', () => {
    const projections = new Database(join(dataDir, 'projections.sqlite'));
    const row = projections.prepare("SELECT programme_id, day, kind, budget_id, unit FROM programme_days WHERE committed_cents > 0 LIMIT 1").get() as Record<string, string>;
    projections
      .prepare('UPDATE programme_days SET committed_cents = committed_cents + 1 WHERE programme_id = ? AND day = ? AND kind = ? AND budget_id = ? AND unit = ?')
      .run(row.programme_id, row.day, row.kind, row.budget_id, row.unit);
    projections.close();
    const run = cli('verify');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('is intact');
    expect(run.stdout).toContain('do NOT match the journal');
    expect(run.stdout).toContain(`first difference: table programme_days, key ${JSON.stringify(row)}`);
    expect(ok(cli('verify', '--journal-only'))).not.toContain('read models');
  });

  it('finds a row edited in the SQLite file: exit 1 naming the first bad position', () => {
    const events = new Database(join(dataDir, 'events.sqlite'));
    try {
      const [position, body] = events
        .prepare("SELECT position, body FROM events WHERE CAST(body AS TEXT) LIKE '%15000000%' ORDER BY position LIMIT 1")
        .raw()
        .get() as [number, Buffer];
      events
        .prepare('UPDATE events SET body = ? WHERE position = ?')
        .run(Buffer.from(body.toString('utf8').replace('15000000', '14000000')), position);
      edited = position;
    } finally {
      events.close();
    }
    const run = cli('verify');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('NOT intact');
    expect(run.stdout).toContain(`first bad position: ${edited}`);
  });

  // Its bytes unchanged, only its storage type: verify threw ("error: argument must be a string").
  it('finds a row whose event id was cast to a blob in place: exit 1 naming the position and the column', () => {
    const events = new Database(join(dataDir, 'events.sqlite'));
    try {
      events.prepare('UPDATE events SET event_id = CAST(event_id AS BLOB) WHERE position = 1').run();
    } finally {
      events.close();
    }
    const run = cli('verify');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('NOT intact');
    expect(run.stdout).toContain('first bad position: 1');
    expect(run.stdout).toContain('kind:               column-type-mismatch');
    expect(run.stdout).toContain("the row's event_id is stored as blob");
  });
});

describe('import beside a running API', () => {
  let api: Harness;
  let url: string;

  beforeAll(async () => {
    ({ api, url } = await apiBesideCli());
  });
  afterAll(() => api.close());

  it('sends the commands to the API that keeps the ledger, as the recorder the token names, and the API keeps answering', async () => {
    const without = await cliBeside(api.dataDir, 'import', 'scenarios/heerlen.scenario.json');
    expect(without.status).toBe(1);
    expect(without.stderr).toContain(`the API at ${url} keeps this ledger: give a recorder's token with --token`);

    const run = await cliBeside(api.dataDir, 'import', 'scenarios/heerlen.scenario.json', '--token', api.token);
    if (run.status !== 0) throw new Error(`${run.stdout}\n${run.stderr}`);
    expect(run.stdout).toContain(`Recorded through the API at ${url}, which keeps this ledger`);
    expect(run.stdout).toMatch(/steps: \d+ written, 0 already there, 0 refused/);
    // The API's own read models took it in: nobody else wrote them.
    const cost = await api.http().get('/v1/programmes/pilot-werkvoorheerlen-2024/cost').set('Authorization', `Bearer ${api.token}`);
    expect(cost.status).toBe(200);
    expect(cost.body.committed).toBe('150000.00');
    expect(api.app.get(ReadModels).projector.lastError).toBeUndefined();
  }, 120_000);

  it('refuses --as beside the API, whose token names the actor there: exit 1, nothing written', async () => {
    const treeSize = async () => ((await api.http().get('/v1/journal/digest').set('Authorization', `Bearer ${api.token}`)).body as { treeSize: number }).treeSize;
    const before = await treeSize();
    const run = await cliBeside(api.dataDir, 'import', 'scenarios/heerlen.scenario.json', '--token', api.token, '--as', 'no-such-person-x');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Not imported: the API at ${url} keeps this ledger and records as the principal the token names: leave out --as no-such-person-x`);
    expect(await treeSize()).toBe(before);
  }, 60_000);

  it('refuses a rebuild at once while the API keeps the read models: exit 1, no progress bar left running', async () => {
    const startedMs = Date.now();
    const run = await cliBeside(api.dataDir, 'rebuild');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error: the read models in .* are kept by another process \(pid \d+/);
    expect(Date.now() - startedMs).toBeLessThan(30_000);
  }, 60_000);
});
