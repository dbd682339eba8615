// The apps as `npm start` and the Dockerfile build them (`nest build <app>`): each compiles, and
// the built code starts its worker threads (verify's range checker, a rebuild from nothing, the
// read models' verify) from the built JavaScript. Nothing imports those files, they are started
// by path, so only a build that includes them, with the library paths rewritten, makes them work.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const NEST = join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const WORKERS = ['event-store/src/integrity/verify-range-worker.js', 'projections/src/derive-worker.js', 'projections/src/verify/verify-worker.js'];

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'geldstroom-build-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// One after the other: each build writes dist/apps/<app>, as `npm run build` does.
describe.each(['api', 'cli', 'bench'])('the %s app', (app) => {
  it('builds, its worker threads’ files included', () => {
    const build = run([NEST, 'build', app]);
    expect(build.output.replace(/npm warn.*\n/g, '')).not.toMatch(/error/i);
    expect(build.status).toBe(0);
    for (const worker of WORKERS) expect(existsSync(join(ROOT, 'dist/apps', app, 'libs', worker))).toBe(true);
    // The command bench's request maker, a JavaScript file autocannon's workers load by path.
    if (app === 'bench') expect(existsSync(join(ROOT, 'dist/apps/bench/apps/bench/src/new-purchase-request.js'))).toBe(true);
  });
});

// What no build checks: the tests and tools beside the apps, and the web page, which vite bundles
// without checking types (it reads the answer types of libs/projections and its vocabulary).
describe.each(['tsconfig.json', 'apps/web/tsconfig.json'])('the types of %s', (project) => {
  it('check', () => {
    const check = run([TSC, '--noEmit', '-p', project]);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('the built libraries', () => {
  it('verify in ranges, rebuild in a worker thread and verify the read models, from the built JavaScript', () => {
    const libs = join(ROOT, 'dist/apps/cli/libs');
    const script = `
      const { randomUUID } = require('node:crypto');
      const { join } = require('node:path');
      const { SqliteEventStore, verifyJournal } = require(${JSON.stringify(join(libs, 'event-store/src'))});
      const { Projector, ReadStore, loadFindingRules, findingRuleFiles, verifyReadModels } = require(${JSON.stringify(join(libs, 'projections/src'))});
      const rules = loadFindingRules(findingRuleFiles(${JSON.stringify(join(ROOT, 'config/procurement-thresholds.json'))}, ${JSON.stringify(join(ROOT, 'config'))}));
      (async () => {
        const store = SqliteEventStore.open({ path: join(${JSON.stringify(dir)}, 'events.sqlite') });
        for (let i = 0; i < 40; i++) {
          const data = { partyId: 'p' + i, name: 'Partij ' + i, kind: 'company' };
          await store.append('party-p' + i, [{ id: randomUUID(), type: 'PartyRegistered', data, metadata: {} }], 'no_stream');
        }
        const inRanges = await verifyJournal(store, { workers: 2, rangeEvents: 8 });
        const onePass = await verifyJournal(store, { workers: 0 });
        const livePath = join(${JSON.stringify(dir)}, 'projections.sqlite');
        const readStore = ReadStore.open(livePath);
        const projector = new Projector(store, readStore, { rules, workerFromEvents: 10 });
        projector.start();
        await projector.catchUp();
        await projector.stop();
        const facts = readStore.db.prepare('SELECT count(*) FROM facts').pluck().get();
        const readModels = await verifyReadModels({ address: store.address, livePath, rules });
        readStore.close();
        await store.close();
        console.log(JSON.stringify({ inRanges, onePass, facts, intact: readModels.ok }));
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const result = run(['-e', script]);
    expect(result.output).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    // Plain node, no TypeScript hook: the workers can only have started from the built files.
    const { inRanges, onePass, facts, intact } = JSON.parse(result.output) as {
      inRanges: Record<string, unknown>;
      onePass: Record<string, unknown>;
      facts: number;
      intact: boolean;
    };
    expect(inRanges).toMatchObject({ ok: true, eventsChecked: 40, rootHash: onePass.rootHash });
    expect(facts).toBe(40);
    expect(intact).toBe(true);
  });
});
