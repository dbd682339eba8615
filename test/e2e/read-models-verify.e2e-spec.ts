// The read models are as verifiable as the journal: a row edited in projections.sqlite behind the
// API's back (the pilot's cost made 800.000 higher) is found by verify, which names the table and
// the row; /health turns 503; and every answer says, in a warning at its top, in its readModels
// block and in a header, that the read models do not match the journal, until they verify again.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startApi, type Harness } from '../support/api-harness';
import { get, post } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';
import { ReadModels } from '../../apps/api/src/queries/projections.module';

const PILOT = 'pilot-werkvoorheerlen-2024';
let api: Harness;

beforeAll(async () => {
  api = await startApi({ GELDSTROOM_VERIFY_EVERY_MINUTES: '0' });
  await recordScenario(api, loadScenario('heerlen'));
  await api.app.get(ReadModels).projector.catchUp();
}, 60_000);
afterAll(() => api.close());

const verify = async () => {
  const response = await post(api, '/v1/journal/verify', {});
  expect(response.status).toBe(200);
  return response.body;
};

it('finds the read models matching the journal, and every answer says they were verified', async () => {
  const report = await verify();
  expect(report).toMatchObject({ ok: true, readModels: { ok: true, digest: { kept: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
  expect(report.readModels.digest.rows).toBe(report.readModels.digest.derived);
  const cost = await get(api, `/v1/programmes/${PILOT}/cost`);
  expect(cost.headers['geldstroom-read-models']).toBe('verified');
  expect(cost.body.warning).toBeUndefined();
  expect(cost.body.readModels).toMatchObject({ status: 'verified', digest: report.readModels.digest.kept, position: report.readModels.position });
  expect((await api.http().get('/health')).status).toBe(200);
  // An export's stamp has no warning.
  const csv = (await get(api, `/v1/exports/programme-cost?id=${PILOT}`)).text;
  expect(csv).toContain('Boomhoofd (RFC 6962)');
  expect(csv).not.toContain('Waarschuwing');
}, 60_000);

// Who asks for a verify after a write, while an earlier verify runs, is answered by the next one:
// the running one may have begun before the write, and would vouch for figures it never saw.
it('verifies at the position that holds a write made while an earlier verify ran', async () => {
  const readModels = api.app.get(ReadModels);
  const earlier = readModels.verify();
  const written = await post(api, '/v1/parties', { partyId: 'gemeente-tijdens-verify', name: 'Gemeente Tijdens', kind: 'municipality', effectiveDate: '2024-01-01', sourceReference: 'Besluit B&W 2024-0412' });
  expect(written.status).toBe(201);
  await readModels.current('until-held');
  const head = (await readModels.lag()).headPosition;
  const after = await readModels.verify();
  expect(after).toMatchObject({ ok: true, position: head });
  expect((await earlier)?.ok).toBe(true);
  expect(readModels.verification).toBe(after);
}, 60_000);

it('catches a row edited behind its back, names it, turns /health red and warns in every answer', async () => {
  const db = new Database(join(api.dataDir, 'projections.sqlite'));
  const edited = db.prepare("SELECT budget_id FROM programme_totals WHERE programme_id = ? AND kind = 'grant'").get(PILOT) as { budget_id: string };
  db.prepare("UPDATE programme_totals SET committed_cents = committed_cents + 80000000 WHERE programme_id = ? AND kind = 'grant' AND budget_id = ?").run(PILOT, edited.budget_id);
  db.close();
  expect((await get(api, `/v1/programmes/${PILOT}/cost`)).body.committed).toBe('950000.00');

  const report = await verify();
  // The journal itself is intact: only the answers drawn from it were not.
  expect(report.ok).toBe(true);
  expect(report.readModels).toMatchObject({
    ok: false,
    difference: { table: 'programme_totals', key: { programme_id: PILOT, kind: 'grant', budget_id: edited.budget_id } },
  });
  expect(report.readModels.difference.live.committed_cents - report.readModels.difference.derived.committed_cents).toBe(80_000_000);

  const health = await api.http().get('/health');
  expect(health.status).toBe(503);
  expect(health.body.details.readModels).toMatchObject({ status: 'down', verification: { matchesJournal: false, difference: { table: 'programme_totals' } } });

  for (const path of [`/v1/programmes/${PILOT}/cost`, '/v1/budgets/heerlen-maatwerk-reintegratie-2024/execution', '/v1/findings', '/v1/journal?limit=5', `/v1/audit/streams/programme-${PILOT}`]) {
    const answer = await get(api, path);
    expect(answer.headers['geldstroom-read-models']).toBe('do-not-match-journal');
    expect(Object.keys(answer.body)[0]).toBe('warning');
    expect(answer.body.warning).toMatch(/do not match the journal/);
    expect(answer.body.readModels.status).toBe('do-not-match-journal');
  }
  // A file saved from an export carries no header: its stamp warns, first.
  const csv = (await get(api, `/v1/exports/programme-cost?id=${PILOT}`)).text;
  const stamp = csv.slice(csv.indexOf('\r\n\r\n') + 4);
  expect(stamp.startsWith('Waarschuwing;LET OP: de leesmodellen komen NIET overeen met het journaal')).toBe(true);
}, 60_000);
