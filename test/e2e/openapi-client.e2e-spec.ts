// A typed client generated from the served OpenAPI document with well-kept generators
// (openapi-typescript for the types, openapi-fetch for the calls), as a client's author would:
// its command line reads the document from the running API; the client type-checks against it,
// misuse does not compile, and it calls three endpoints of the running API (a cost, a budget's
// execution on a date, a command) and gets what it was typed to.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { startApi, type Harness } from '../support/api-harness';
import { listen } from '../support/browser';
import { loadScenario, recordScenario } from '../support/scenario';

const ROOT = resolve(__dirname, '../..');

let api: Harness;
let baseUrl: string;
let dir: string;

/** The client a caller writes against the generated types: three endpoints, each typed. */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export async function askThree(baseUrl: string, token: string) {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: \`Bearer \${token}\` } });
  const cost = await client.GET('/v1/programmes/{id}/cost', { params: { path: { id: 'pilot-werkvoorheerlen-2024' } } });
  const execution = await client.GET('/v1/budgets/{id}/execution', {
    params: { path: { id: 'heerlen-maatwerk-reintegratie-2024' }, query: { on: '2024-06-30' } },
  });
  const party = await client.POST('/v1/parties', {
    params: { header: { 'X-Correlation-Id': 'generated-client' } },
    body: { partyId: 'gemeente-simpelveld', name: 'Gemeente Simpelveld', kind: 'municipality', sourceReference: 'Partijenregister', effectiveDate: '2024-01-01' },
  });
  if (!cost.data || !execution.data || !party.data) throw new Error('an endpoint did not answer');
  const committed: string = cost.data.committed;
  const funders: string[] = cost.data.whoPaid.ultimateFunders.map((f) => f.partyId);
  const realised: string = execution.data.totals.realised;
  const status: 'verified' | 'not-verified-yet' | 'do-not-match-journal' = execution.data.readModels.status;
  const revision: number = party.data.revision;
  return { committed, funders, realised, status, revision, etag: party.response.headers.get('ETag') };
}
`;

/** What a type-checked client must not get away with: money is a string, a path needs its id. */
const MISUSE = `
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export async function misuse(client: ReturnType<typeof createClient<paths>>) {
  const cost = await client.GET('/v1/programmes/{id}/cost', { params: { path: { id: 'x' } } });
  const asNumber: number = cost.data!.committed;
  await client.GET('/v1/budgets/{id}/execution', { params: { path: {} } });
  await client.POST('/v1/parties', { body: { partyId: 'x', name: 'X', kind: 'castle', sourceReference: 's', effectiveDate: '2024-01-01' } });
  return asNumber;
}
`;

beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  baseUrl = await listen(api);
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-client-'));
  // The generated client resolves openapi-fetch as a project of its own would: from node_modules.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // The generator's own command line, on the document the API serves, as its documentation runs it.
  const cli = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
  await promisify(execFile)(process.execPath, [cli, `${baseUrl}/docs/openapi.json`, '--output', join(dir, 'schema.ts')], { cwd: dir, timeout: 60_000 });
  writeFileSync(join(dir, 'client.ts'), CLIENT);
  writeFileSync(join(dir, 'misuse.ts'), MISUSE);
}, 60_000);
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/** tsc's diagnostics for a file of the generated client, strict. */
function typeErrors(file: string): string[] {
  const program = ts.createProgram([join(dir, file)], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.split('/').pop()}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('a client generated from /docs/openapi.json', () => {
  it('type-checks, typed by the document', () => {
    expect(typeErrors('client.ts')).toEqual([]);
  }, 60_000);

  it('refuses misuse at compile time: money as a number, a path without its id, a kind of party that is not one', () => {
    const errors = typeErrors('misuse.ts').join('\n');
    expect(errors).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(errors).toMatch(/Property 'id' is missing/);
    expect(errors).toMatch(/"castle"/);
  }, 60_000);

  it('calls three endpoints of the running API and gets what it was typed to', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { askThree } = require(join(dir, 'client.ts')) as { askThree: (baseUrl: string, token: string) => Promise<Record<string, unknown>> };
    const answers = await askThree(baseUrl, api.token);
    expect(answers).toEqual({
      committed: '150000.00',
      funders: ['arbeidsmarktregio-zuid-limburg', 'gemeente-heerlen'],
      realised: '50000.00',
      status: expect.stringMatching(/^(verified|not-verified-yet)$/),
      revision: 0,
      etag: '"0"',
    });
  });
});
