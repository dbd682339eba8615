// The kept reports of an import's runs: every run kept beside the earlier ones, each written whole
// under a name of its own, so that runs saving at once never take each other's file away.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { ImportReport } from './booking-imports';
import { ImportReports, RUN_BEFORE_RUNS } from './import-reports';

const IMPORT_ID = 'imp-0123456789abcdef01234567';

function runOf(actor: string, written: number): ImportReport {
  return {
    importId: IMPORT_ID, runId: `run-${uuidv7()}`, fileName: 'mutaties.csv', fileSha256: 'a'.repeat(64), sizeBytes: 10, format: 'csv', encoding: 'utf-8',
    mappingSha256: 'b'.repeat(64), system: 'key2', dryRun: false, actor, startedAt: '2024-06-01T10:00:00.000Z', finishedAt: '2024-06-01T10:00:01.000Z',
    counts: { lines: written, written, replayed: 0, refused: 0 }, refused: [], totals: { budget: {}, line: {}, party: {}, month: {} }, lastPosition: written,
  };
}

describe('ImportReports', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'geldstroom-reports-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves the same report from two requests at once without losing either (each stages under a name of its own)', async () => {
    const reports = new ImportReports(dir);
    const report = runOf('recorder-a', 3);
    await expect(Promise.all([reports.save(report), reports.save(report), reports.save(report)])).resolves.toBeDefined();
    expect((await reports.load(IMPORT_ID))?.report).toEqual(report);
  });

  it('keeps every run of an import: the latest by default, an earlier one by its id, all of them listed', async () => {
    const reports = new ImportReports(dir);
    const first = runOf('recorder-a', 3);
    const second = { ...runOf('recorder-b', 0), counts: { lines: 3, written: 0, replayed: 3, refused: 0 } };
    await reports.save(first);
    await reports.save(second);
    const latest = await reports.load(IMPORT_ID);
    expect(latest?.report.actor).toBe('recorder-b');
    expect(latest?.runs.map((r) => [r.runId, r.actor, r.counts.written])).toEqual([[first.runId, 'recorder-a', 3], [second.runId, 'recorder-b', 0]]);
    expect((await reports.load(IMPORT_ID, first.runId))?.report).toEqual(first);
    expect(await reports.load(IMPORT_ID, `run-${uuidv7()}`)).toBeUndefined();
    expect(await reports.load('imp-ffffffffffffffffffffffff')).toBeUndefined();
  });

  it('reads a report kept before runs were as the first run of its import', async () => {
    mkdirSync(join(dir, 'imports'));
    const { runId: _runId, ...before } = runOf('recorder-a', 2);
    writeFileSync(join(dir, 'imports', `${IMPORT_ID}.json`), JSON.stringify(before));
    const reports = new ImportReports(dir);
    const later = runOf('recorder-b', 0);
    await reports.save(later);
    const kept = await reports.load(IMPORT_ID);
    expect(kept?.runs.map((r) => r.runId)).toEqual([RUN_BEFORE_RUNS, later.runId]);
    expect((await reports.load(IMPORT_ID, RUN_BEFORE_RUNS))?.report).toMatchObject({ runId: RUN_BEFORE_RUNS, actor: 'recorder-a' });
  });
});
