// The apps as `npm start` and the Dockerfile build them (tsc, one config per app): each compiles,
// and the compiled event store starts its verify worker from the built JavaScript, which only
// exists if the build includes that file (nothing imports it; it is started by path).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

let out: string;

beforeAll(() => {
  // Inside the project, so the built code finds node_modules as the real build does.
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  out = mkdtempSync(join(ROOT, 'dist', 'build-test-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.each(['api', 'cli', 'bench'])('the %s app', (app) => {
  it('compiles with its build config, the journal worker included', () => {
    const build = run([TSC, '-p', `apps/${app}/tsconfig.app.json`, '--outDir', join(out, app)]);
    expect(build.output).toBe('');
    expect(build.status).toBe(0);
    expect(existsSync(join(out, app, 'libs/event-store/src/sqlite/sqlite-journal-worker.js'))).toBe(true);
  });
});

describe('the built event store', () => {
  it('verifies a journal in ranges on worker threads started from the built JavaScript', () => {
    const build = run([TSC, '-p', 'apps/cli/tsconfig.app.json', '--outDir', join(out, 'verify')]);
    expect(build.status).toBe(0);
    const script = `
      const { mkdtempSync } = require('node:fs');
      const { join } = require('node:path');
      const { SqliteEventStore, verifyJournal } = require(${JSON.stringify(join(out, 'verify/libs/event-store/src'))});
      (async () => {
        const store = SqliteEventStore.open({ path: join(mkdtempSync(${JSON.stringify(join(out, 'data-'))}), 'events.sqlite') });
        for (let i = 0; i < 20; i++) {
          const event = { id: require('node:crypto').randomUUID(), type: 'Paid', data: { amountCents: i }, metadata: {} };
          await store.append('grant-' + (i % 3), [event], 'any');
        }
        const inRanges = await verifyJournal(store, { workers: 2, rangeEvents: 4 });
        const onePass = await verifyJournal(store, { workers: 0 });
        await store.close();
        console.log(JSON.stringify({ file: store.journalWorker.file, inRanges, onePass }));
      })();`;
    const result = run(['-e', script]);
    expect(result.status).toBe(0);
    const { file, inRanges, onePass } = JSON.parse(result.output) as Record<string, Record<string, unknown>> & { file: string };
    expect(file).toMatch(/sqlite-journal-worker\.js$/);
    expect(inRanges).toMatchObject({ ok: true, eventsChecked: 20, rootHash: onePass.rootHash });
  });
});
