// What the first start prints after the admin token: questions about what was loaded, each one
// answered by the API, and on an empty ledger how to load one (never questions about a scenario
// that was not loaded). main.ts prints exactly these lines (see the shutdown test for a real start).
import { ReadModels } from '../../apps/api/src/queries/projections.module';
import { exampleQuestions, firstStartGuide } from '../../apps/api/src/scenario/example-questions';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, get, post } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const URL = 'http://127.0.0.1:3000';

it('on an empty ledger, says how to load one and asks about nothing that is not there', async () => {
  const questions = exampleQuestions(await api.app.get(ReadModels).current());
  expect(questions).toEqual([]);
  const guide = firstStartGuide(URL, 'gs_token', questions).join('\n');
  expect(guide).toContain('The ledger is empty');
  expect(guide).toContain('npm run cli -- import scenarios/heerlen.scenario.json');
  expect(guide).not.toMatch(/pilot|heerlen-maatwerk/);
});

it('on a ledger of another municipality, asks about its own programme, budget and provider', async () => {
  const on = { sourceReference: 'Begroting 2025', effectiveDate: '2025-01-02' };
  for (const [partyId, name, kind] of [['gemeente-venlo', 'Gemeente Venlo', 'municipality'], ['werkbedrijf-venlo', 'Werkbedrijf Venlo', 'company']]) {
    expectCreated(await post(api, '/v1/parties', { ...on, partyId, name, kind }));
  }
  expectCreated(await post(api, '/v1/budgets', { ...on, budgetId: 'venlo-participatie-2025', ownerPartyId: 'gemeente-venlo', name: 'Participatie', fiscalYear: 2025, taakveld: '6.4' }));
  expectCreated(await post(api, '/v1/budgets/venlo-participatie-2025/fundings', { ...on, fundingId: 'eigen', source: 'own-means', amount: '50000.00' }));
  expectCreated(await post(api, '/v1/programmes', { ...on, programmeId: 'venlo-werkfit-2025', ownerPartyId: 'gemeente-venlo', name: 'Werkfit Venlo' }));
  expectCreated(await post(api, '/v1/purchases', { ...on, purchaseId: 'werkfit-1', budgetId: 'venlo-participatie-2025', supplierPartyId: 'werkbedrijf-venlo', programmeId: 'venlo-werkfit-2025', count: 5, unitPrice: '2000.00', targetGroup: 'statushouders' }));
  const questions = exampleQuestions(await api.app.get(ReadModels).current());
  expect(questions.map((q) => q.path)).toEqual([
    '/v1/programmes/venlo-werkfit-2025/answer?lang=nl',
    '/v1/programmes/venlo-werkfit-2025/cost?explain=true',
    '/v1/budgets/venlo-participatie-2025/execution',
    '/v1/providers/werkbedrijf-venlo/spend',
  ]);
  for (const question of questions) expect((await get(api, question.path)).status).toBe(200);
});

it('after the Heerlen scenario, every question it prints is answered', async () => {
  await recordScenario(api, loadScenario('heerlen'));
  const questions = exampleQuestions(await api.app.get(ReadModels).current());
  expect(questions.length).toBeGreaterThanOrEqual(3);
  // The ended pilot is what the council asked about.
  expect(questions[0].path).toBe('/v1/programmes/pilot-werkvoorheerlen-2024/answer?lang=nl');
  for (const question of questions) expect((await get(api, question.path)).status).toBe(200);
  const guide = firstStartGuide(URL, 'gs_token', questions).join('\n');
  for (const question of questions) expect(guide).toContain(`curl -H "Authorization: Bearer gs_token" "${URL}${question.path}"`);
});
